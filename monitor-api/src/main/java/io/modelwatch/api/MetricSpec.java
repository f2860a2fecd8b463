package io.modelwatch.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One configured use of a metric: its validated parameters and the context it runs in. Passed
 * to {@link MetricFactory#create(MetricSpec)}.
 *
 * <p>The host has already checked every parameter against {@link MetricFactory#params()} and
 * filled in defaults, so the typed getters below only fail for a name the factory did not
 * declare (a bug). Instances are only valid during {@code create}; a metric keeps the values
 * and {@link FieldRef}s it needs, not the spec.
 */
public interface MetricSpec {

    /** Returns the metric type, for example {@code "nlp.bleu"}. */
    String type();

    /** Returns the metric's name in the monitor (the user's {@code name:}, or else the type). */
    String name();

    /** Returns the monitor's name. */
    String monitor();

    /** Returns every parameter with defaults filled in, in declaration order. */
    Map<String, Object> params();

    /** Returns whether the parameter has a value (given, or a non-null default). */
    boolean has(String param);

    /** Returns a {@link ParamType#STRING}, {@link ParamType#FIELD} or {@link ParamType#PATH} parameter; null when absent. */
    String string(String param);

    /** Returns an {@link ParamType#INTEGER} parameter. @throws IllegalStateException when absent */
    long integer(String param);

    /** Returns a {@link ParamType#NUMBER} (or integer) parameter. @throws IllegalStateException when absent */
    double number(String param);

    /** Returns a {@link ParamType#BOOLEAN} parameter. @throws IllegalStateException when absent */
    boolean bool(String param);

    /** Returns an {@link ParamType#INTEGER_LIST} parameter; empty when absent. */
    List<Long> integers(String param);

    /** Returns a {@link ParamType#STRING_LIST} parameter; empty when absent. */
    List<String> strings(String param);

    /** Returns a {@link ParamType#PATH} parameter resolved against the configuration's folder; null when absent. */
    Path path(String param);

    /**
     * Returns the handle of a declared logical input. The host maps it to the monitor's field of
     * the same name, or to the field the user named for it under the metric's {@code inputs:}.
     *
     * @param inputName a name from {@link MetricFactory#inputs()}
     * @return the handle; for an optional input the user did not map, a handle that always reads
     *     as missing
     */
    FieldRef input(String inputName);

    /**
     * Returns the handle of a monitor field named by the user (typically through a
     * {@link ParamType#FIELD} parameter), decoded as {@code kind}.
     *
     * @throws IllegalArgumentException when the monitor has no such field; the host reports it
     *     as a configuration error
     */
    FieldRef field(String fieldName, InputKind kind);
}
