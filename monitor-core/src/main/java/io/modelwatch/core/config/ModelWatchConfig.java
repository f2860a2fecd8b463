package io.modelwatch.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The whole configuration file.
 *
 * @param dataDir where dead-letter files and other run data go (default {@code ./data})
 * @param plugins where plugins are found and what a broken plugin does
 * @param monitors the monitors; at least one
 * @param sinks sinks applied to every monitor
 */
public record ModelWatchConfig(String dataDir, PluginsConfig plugins, List<MonitorConfig> monitors,
                               List<SinkConfig> sinks) {
    public ModelWatchConfig {
        dataDir = dataDir == null ? "data" : dataDir;
        plugins = plugins == null ? new PluginsConfig(null, null) : plugins;
        // Lists keep empty items ("- " in YAML) as null, so that validation can point at them.
        monitors = listOf(monitors);
        sinks = listOf(sinks);
    }

    /** Returns an unmodifiable copy that, unlike {@code List.copyOf}, keeps null items; empty for null. */
    static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
    }
}
