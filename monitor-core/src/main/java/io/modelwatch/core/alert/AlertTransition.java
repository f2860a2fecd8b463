package io.modelwatch.core.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One change of an alert's state: a rule of a (monitor, metric, segment) moved from one state to
 * another when a window was evaluated. Immutable.
 *
 * @param monitor the monitor
 * @param model the monitor's model
 * @param metric the metric's name in the monitor
 * @param segment the segment's labels ({@code {}} when not segmented)
 * @param rule the rule's name (default: its condition)
 * @param condition the rule's condition as written
 * @param from the state before: {@code inactive}, {@code pending}, {@code firing}
 * @param to the state after: {@code pending}, {@code firing}, {@code resolved} (or {@code inactive}
 *     when a pending alert's condition stops holding before it fired)
 * @param windowStart the start of the window whose evaluation caused the change
 * @param windowEnd the end of that window
 * @param at when the change happened (wall clock)
 * @param values the values the condition read (its identifiers, such as {@code delta.score}), null when undefined
 */
public record AlertTransition(String monitor, String model, String metric, Map<String, String> segment, String rule,
                              String condition, String from, String to, Instant windowStart, Instant windowEnd,
                              Instant at, Map<String, Double> values) {
    public AlertTransition {
        requireNonNull(monitor, "monitor is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        segment = segment == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(segment));
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
