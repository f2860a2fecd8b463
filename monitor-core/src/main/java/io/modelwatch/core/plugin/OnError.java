package io.modelwatch.core.plugin;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@link PluginManager#loadFrom} does when a plugin folder cannot be loaded; the YAML key is
 * {@code plugins.on-error}.
 */
public enum OnError {
    /** Load every folder, then throw one {@link PluginLoadException} listing all problems. The default. */
    FAIL,
    /** Log each problem at WARN, record the plugin as skipped or failed, and start without it. */
    SKIP;

    /** Returns the value as written in YAML: {@code fail} or {@code skip}. */
    public String yamlValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the YAML value, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and listing the valid choices
     */
    public static OnError fromYaml(String value) {
        for (OnError choice : values()) {
            if (choice.yamlValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return choice;
            }
        }
        throw new IllegalArgumentException("plugins.on-error is '" + value + "', expected one of: "
                + Arrays.stream(values()).map(OnError::yamlValue).collect(Collectors.joining(", ")));
    }
}
