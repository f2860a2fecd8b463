package io.modelwatch.api;

import java.util.List;

/**
 * Creates metrics of one type, and describes that type to the host.
 *
 * <p>The description ({@link #inputs()}, {@link #params()}, {@link #outputs()}) lets the host
 * validate the user's YAML before anything runs and list every metric with {@code modelwatch
 * metrics}. Implementations are immutable and thread-safe.
 */
public interface MetricFactory {

    /**
     * Returns the metric type: {@code plugin.lower_snake}, for example {@code "nlp.bleu"}. It is a
     * stable identifier, written into checkpoints, so it never changes once released.
     */
    String type();

    /** Returns one sentence a user reads in {@code modelwatch metrics}. Never null. */
    default String description() {
        return "";
    }

    /**
     * Returns the logical inputs the metric reads from each record. The user maps each to a JSON
     * Pointer in the monitor's {@code fields:}; {@link MetricSpec#input(String)} resolves them.
     * Never null.
     */
    List<InputSpec> inputs();

    /**
     * Returns the parameters the metric accepts. The host rejects unknown parameters, checks
     * types and choices, fills in defaults, and only then calls {@link #create(MetricSpec)}.
     * Never null.
     */
    List<ParamSpec> params();

    /**
     * Returns the named outputs the metric produces (for documentation and alert validation).
     * Outputs whose names depend on parameters (such as {@code ndcg@10}) may be described with a
     * placeholder ({@code ndcg@k}). Never null.
     */
    default List<OutputSpec> outputs() {
        return List.of();
    }

    /**
     * Creates a metric for one configured use.
     *
     * @param spec the validated parameters and the context of this use; never null
     * @return a new metric; never null
     * @throws IllegalArgumentException when parameters that are valid one by one do not fit
     *     together; the host reports the message as a configuration error
     */
    Metric<?> create(MetricSpec spec);
}
