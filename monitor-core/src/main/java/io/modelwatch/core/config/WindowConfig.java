package io.modelwatch.core.config;

import java.time.Duration;

/**
 * An event-time window.
 *
 * @param size the window's length
 * @param slide how far consecutive windows start apart (default: {@code size}, tumbling windows)
 * @param allowedLateness how far behind the newest event time a record may arrive and still count (default 0)
 */
public record WindowConfig(Duration size, Duration slide, Duration allowedLateness) {
    public WindowConfig {
        slide = slide == null ? size : slide;
        allowedLateness = allowedLateness == null ? Duration.ZERO : allowedLateness;
    }
}
