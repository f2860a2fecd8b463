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
 * @param store the results history (SQLite by default)
 * @param server the HTTP service of long-running monitors
 * @param checkpoint checkpoints for restart without loss or double counting
 * @param alerting where alert transitions go
 */
public record ModelWatchConfig(String dataDir, PluginsConfig plugins, List<MonitorConfig> monitors,
                               List<SinkConfig> sinks, StoreConfig store, ServerConfig server,
                               CheckpointConfig checkpoint, AlertingConfig alerting) {
    public ModelWatchConfig {
        dataDir = dataDir == null ? "data" : dataDir;
        plugins = plugins == null ? new PluginsConfig(null, null) : plugins;
        store = store == null ? new StoreConfig(null, null, null, null, null) : store;
        server = server == null ? new ServerConfig(null, null, null) : server;
        checkpoint = checkpoint == null ? new CheckpointConfig(null, null) : checkpoint;
        alerting = alerting == null ? new AlertingConfig(null) : alerting;
        // Lists keep empty items ("- " in YAML) as null, so that validation can point at them.
        monitors = listOf(monitors);
        sinks = listOf(sinks);
    }

    /** Returns an unmodifiable copy that, unlike {@code List.copyOf}, keeps null items; empty for null. */
    static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
    }
}
