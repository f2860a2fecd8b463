package io.modelwatch.core.config;

import java.util.List;

/**
 * Where alert transitions go.
 *
 * @param channels the channels; default one {@code log} channel
 */
public record AlertingConfig(List<ChannelConfig> channels) {
    public AlertingConfig {
        // Lists keep empty items ("- " in YAML) as null, so that validation can point at them.
        channels = ModelWatchConfig.listOf(channels);
    }
}
