package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

/**
 * A named output of a metric, for documentation, alert validation, and to tell the host how to
 * treat it.
 *
 * @param name the output name, such as {@code score}, or a placeholder for names that depend
 *     on parameters: {@code ndcg@k} stands for {@code ndcg@10}, {@code counts_n} for
 *     {@code counts_1}; never null
 * @param description one sentence; never null
 * @param descriptive whether the output only describes the data rather than estimating a
 *     quantity: a count or a total that grows with the amount of data, or an extreme such as a
 *     maximum. The host reports it but gives it no confidence interval and does not test it
 *     against the baseline
 */
public record OutputSpec(String name, String description, boolean descriptive) {
    public OutputSpec {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
    }

    /** Returns an estimate output (the usual kind): it gets an interval and a baseline comparison. */
    public OutputSpec(String name, String description) {
        this(name, description, false);
    }

    /** Returns a descriptive output, such as a count or a maximum: no interval, no baseline test. */
    public static OutputSpec descriptive(String name, String description) {
        return new OutputSpec(name, description, true);
    }
}
