package io.modelwatch.core.config;

import java.time.Instant;

/**
 * What results are compared with; exactly one form is used.
 *
 * @param file a reference log in the monitor's format
 * @param from start of a fixed event-time range (inclusive)
 * @param to end of a fixed event-time range (exclusive)
 * @param previous the previous N windows
 */
public record BaselineConfig(String file, Instant from, Instant to, Integer previous) {
}
