package io.modelwatch.core.config;

import java.util.List;

/** Thrown when a configuration has errors; carries all of them, in file order. */
public final class ConfigException extends RuntimeException {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    /** Returns every error found. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " configuration error" : " configuration errors");
        for (ConfigError e : errors) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }
}
