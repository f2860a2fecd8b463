package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parameter a metric accepts under {@code params:} in the YAML.
 *
 * @param name the parameter name as users write it; never null
 * @param type the value's type; never null
 * @param defaultValue the value used when the user gives none, of the Java type
 *     {@link MetricSpec} returns for {@code type} ({@code String}, {@code Long}, {@code Double},
 *     {@code Boolean}, {@code List<Long>}, {@code List<String>}); null when the parameter is
 *     required or simply absent by default (see {@code required})
 * @param required whether the user must give a value
 * @param choices the allowed values of a {@link ParamType#STRING} parameter; empty for any
 * @param description one sentence for {@code modelwatch metrics}; never null
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, boolean required,
                        List<String> choices, String description) {
    public ParamSpec {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        choices = List.copyOf(requireNonNull(choices, "choices is null"));
        requireNonNull(description, "description is null");
    }

    /** Returns an optional parameter with a default (which may be null: absent). */
    public static ParamSpec optional(String name, ParamType type, Object defaultValue, String description) {
        return new ParamSpec(name, type, defaultValue, false, List.of(), description);
    }

    /** Returns a required parameter. */
    public static ParamSpec required(String name, ParamType type, String description) {
        return new ParamSpec(name, type, null, true, List.of(), description);
    }

    /** Returns a string parameter limited to {@code choices}, defaulting to {@code defaultValue}. */
    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, ParamType.STRING, defaultValue, false, choices, description);
    }
}
