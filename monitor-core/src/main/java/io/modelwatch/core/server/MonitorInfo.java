package io.modelwatch.core.server;

import static java.util.Objects.requireNonNull;

import io.modelwatch.core.config.Mode;
import io.modelwatch.core.kernel.MonitorCounters;
import java.time.Instant;
import java.util.List;

/**
 * One monitor as {@code /api/monitors} shows it.
 *
 * @param name the monitor's name
 * @param model the model's name
 * @param mode how it runs
 * @param metrics the names its metrics' results carry, in configuration order
 * @param counters its live counters
 * @param lastWindowEnd the end of the latest window it has results for, or null before the first
 */
public record MonitorInfo(String name, String model, Mode mode, List<String> metrics, MonitorCounters counters,
                          Instant lastWindowEnd) {
    public MonitorInfo {
        requireNonNull(name, "name is null");
        requireNonNull(model, "model is null");
        requireNonNull(mode, "mode is null");
        metrics = List.copyOf(metrics);
        requireNonNull(counters, "counters is null");
    }
}
