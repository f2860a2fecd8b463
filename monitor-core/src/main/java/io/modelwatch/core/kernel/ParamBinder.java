package io.modelwatch.core.kernel;

import io.modelwatch.api.ParamSpec;
import io.modelwatch.core.config.ConfigErrors;
import io.modelwatch.core.config.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a metric's YAML {@code params:} against the factory's declared parameters and converts
 * them to the Java types {@link io.modelwatch.api.MetricSpec} promises, filling in defaults.
 */
final class ParamBinder {
    private ParamBinder() {
    }

    /**
     * Returns the bound parameters in declaration order; problems go to {@code errors} under
     * {@code path} (the metric's path, such as {@code monitors[0].metrics[1]}).
     */
    static Map<String, Object> bind(String type, List<ParamSpec> specs, Map<String, Object> given,
                                    ConfigErrors errors, String path) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            byName.put(s.name(), s);
        }
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                errors.add(path + ".params." + name, "unknown parameter '" + name + "' for " + type + "."
                        + Suggestions.didYouMean(name, byName.keySet())
                        + (byName.isEmpty() ? " It takes no parameters." : " Valid parameters: "
                        + String.join(", ", byName.keySet()) + " (see `modelwatch metrics`)."));
            }
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            String at = path + ".params." + s.name();
            Object raw = given.get(s.name());
            if (raw == null) {
                if (s.required()) {
                    errors.add(path + ".params", "parameter '" + s.name() + "' of " + type + " is required: "
                            + s.description());
                }
                bound.put(s.name(), typedDefault(s));
                continue;
            }
            Object value = convert(s, raw);
            if (value == null) {
                errors.add(at, "'" + raw + "' is not " + expected(s) + " (" + s.description() + ")");
            } else if (!s.choices().isEmpty() && !s.choices().contains(value.toString())) {
                errors.add(at, "'" + raw + "' is not one of " + String.join(", ", s.choices()) + "."
                        + Suggestions.didYouMean(value.toString(), s.choices()));
            }
            bound.put(s.name(), value == null ? typedDefault(s) : value);
        }
        return bound;
    }

    /**
     * Returns a parameter's default as the Java type {@link io.modelwatch.api.MetricSpec} promises:
     * a plugin that declares {@code 200} or {@code List.of(1, 5)} would otherwise read an Integer
     * where it casts to Long, and fail with a ClassCastException inside its own code.
     */
    private static Object typedDefault(ParamSpec s) {
        Object def = s.defaultValue();
        if (def == null) {
            return null;
        }
        Object converted = convert(s, def);
        return converted == null ? def : converted;
    }

    private static String expected(ParamSpec s) {
        switch (s.type()) {
            case INTEGER: return "a whole number";
            case NUMBER: return "a number";
            case BOOLEAN: return "true or false";
            case INTEGER_LIST: return "a list of whole numbers";
            case STRING_LIST: return "a list of strings";
            default: return "text";
        }
    }

    private static Object convert(ParamSpec s, Object raw) {
        switch (s.type()) {
            case STRING:
            case FIELD:
            case PATH:
                return raw instanceof Map || raw instanceof List ? null : raw.toString();
            case INTEGER:
                return integer(raw);
            case NUMBER:
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                if (raw instanceof String str) {
                    try {
                        return Double.parseDouble(str.trim());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                return null;
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                if ("true".equalsIgnoreCase(raw.toString()) || "false".equalsIgnoreCase(raw.toString())) {
                    return Boolean.parseBoolean(raw.toString());
                }
                return null;
            case INTEGER_LIST: {
                List<Long> out = new ArrayList<>();
                for (Object o : raw instanceof List<?> l ? l : List.of(raw)) {
                    Long v = integer(o);
                    if (v == null) {
                        return null;
                    }
                    out.add(v);
                }
                return List.copyOf(out);
            }
            case STRING_LIST: {
                List<String> out = new ArrayList<>();
                for (Object o : raw instanceof List<?> l ? l : List.of(raw)) {
                    if (o == null || o instanceof Map || o instanceof List) {
                        return null;
                    }
                    out.add(o.toString());
                }
                return List.copyOf(out);
            }
            default:
                return null;
        }
    }

    private static Long integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (raw instanceof String str) {
            try {
                return Long.parseLong(str.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
