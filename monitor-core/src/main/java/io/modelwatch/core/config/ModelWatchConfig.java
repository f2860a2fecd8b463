package io.modelwatch.core.config;

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
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
    }
}
