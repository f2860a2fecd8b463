package io.modelwatch.core.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert that is pending or firing, as the HTTP API shows it. Immutable.
 *
 * @param monitor the monitor
 * @param metric the metric's name in the monitor
 * @param segment the segment's labels ({@code {}} when not segmented)
 * @param rule the rule's name (default: its condition)
 * @param state {@code pending} or {@code firing}
 * @param since when (wall clock) the alert entered this state
 * @param lastWindowEnd the end of the last window evaluated for it
 * @param values the values its condition read in that window (null when undefined)
 */
public record AlertStatus(String monitor, String metric, Map<String, String> segment, String rule, String state,
                          Instant since, Instant lastWindowEnd, Map<String, Double> values) {
    public AlertStatus {
        requireNonNull(monitor, "monitor is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(state, "state is null");
        segment = segment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(segment));
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
