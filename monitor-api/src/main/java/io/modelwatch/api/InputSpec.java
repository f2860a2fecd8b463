package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

/**
 * A logical input a metric reads, such as {@code hypothesis} (text) or {@code probs} (numbers).
 *
 * <p>The user maps it to a JSON Pointer under the monitor's {@code fields:} key of the same name
 * (or renames it per metric with {@code inputs:}).
 *
 * @param name the logical name, lower snake case; never null
 * @param kind how the value is decoded; never null
 * @param required whether a configuration without this field is an error; when false the metric
 *     works without it (and reads it as missing)
 * @param description one sentence for {@code modelwatch metrics}; never null
 */
public record InputSpec(String name, InputKind kind, boolean required, String description) {
    public InputSpec {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(description, "description is null");
    }

    /** Returns a required input. */
    public static InputSpec required(String name, InputKind kind, String description) {
        return new InputSpec(name, kind, true, description);
    }

    /** Returns an optional input. */
    public static InputSpec optional(String name, InputKind kind, String description) {
        return new InputSpec(name, kind, false, description);
    }
}
