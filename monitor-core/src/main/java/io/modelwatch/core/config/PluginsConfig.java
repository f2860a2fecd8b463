package io.modelwatch.core.config;

import io.modelwatch.core.plugin.OnError;

/**
 * Where plugins live and what a broken one does.
 *
 * @param dir the plugins folder (default: {@code plugins} under the installation, else beside the config)
 * @param onError {@code fail} (default): a broken plugin stops the start; {@code skip}: it is reported and left out
 */
public record PluginsConfig(String dir, OnError onError) {
    public PluginsConfig {
        onError = onError == null ? OnError.FAIL : onError;
    }
}
