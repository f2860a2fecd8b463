package io.modelwatch.core.config;

import java.time.Duration;

/**
 * Where records come from.
 *
 * @param type {@code jsonl} (the only type today)
 * @param path a file, a glob ({@code logs/*.jsonl.gz}) or {@code -} for standard input; {@code .gz} is decompressed
 * @param follow keep reading a growing file, across rotation
 * @param timeFormat how the time field is read: {@code auto} (default: ISO-8601 text, or epoch
 *     milliseconds as a number), {@code iso}, {@code epoch-millis}, {@code epoch-seconds}
 * @param pollInterval how often a followed file is checked for new data (default 500ms)
 */
public record SourceConfig(String type, String path, Boolean follow, String timeFormat, Duration pollInterval) {
    public SourceConfig {
        type = type == null ? "jsonl" : type;
        follow = follow != null && follow;
        timeFormat = timeFormat == null ? "auto" : timeFormat;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
    }
}
