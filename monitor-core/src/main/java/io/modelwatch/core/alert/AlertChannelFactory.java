package io.modelwatch.core.alert;

import io.modelwatch.core.config.AlertingConfig;
import io.modelwatch.core.config.ChannelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Creates the channels of an {@code alerting:} section (validated by {@link AlertValidator#checkChannels}). */
public final class AlertChannelFactory {
    private AlertChannelFactory() {
    }

    /**
     * Opens the configured channels; one {@code log} channel when none is configured.
     *
     * @param config the alerting section
     * @param baseDir where relative paths resolve (the configuration file's folder)
     * @param dataDir where a {@code jsonl} channel without a path writes ({@code alerts.jsonl})
     * @param recorder where channels that deliver on their own thread record failed deliveries
     * @throws java.io.UncheckedIOException when a file cannot be opened (the channels opened so far are closed)
     */
    public static List<AlertChannel> create(AlertingConfig config, Path baseDir, Path dataDir, AlertRecorder recorder) {
        if (config.channels().isEmpty()) {
            return List.of(new LogChannel());
        }
        List<AlertChannel> channels = new ArrayList<>();
        try {
            for (ChannelConfig c : config.channels()) {
                channels.add(switch (c.type()) {
                    case "log" -> new LogChannel();
                    case "jsonl" -> new JsonlChannel((c.path() == null ? dataDir.resolve("alerts.jsonl")
                            : baseDir.resolve(c.path())).toAbsolutePath().normalize());
                    case "webhook" -> new WebhookChannel(c, recorder);
                    default -> throw new IllegalArgumentException("unknown alert channel type " + c.type());
                });
            }
        } catch (RuntimeException e) {
            channels.forEach(AlertChannel::close);
            throw e;
        }
        return List.copyOf(channels);
    }
}
