package io.modelwatch.core.kernel;

import io.modelwatch.api.Table;
import java.time.Instant;
import java.util.Map;

/**
 * One evaluated (monitor, metric, segment, window): the metric's outputs with their confidence
 * intervals and, when the monitor has a baseline, the baseline's values, the differences, their
 * intervals and whether each difference is significant. Immutable; maps keep the metric's order.
 *
 * @param monitor the monitor's name
 * @param model the model's name
 * @param metric the metric's name in the monitor
 * @param type the metric type
 * @param segment segment labels; empty when the monitor is not segmented
 * @param windowStart the window's start (inclusive)
 * @param windowEnd the window's end (exclusive)
 * @param scope {@code window} for a window, {@code total} for the whole input of a static run
 * @param count records the metric accepted
 * @param rejected records the metric rejected as bad input
 * @param values output → value (null when undefined)
 * @param intervals output → [low, high] confidence interval
 * @param baseline output → the baseline's value
 * @param delta output → value − baseline
 * @param deltaIntervals output → [low, high] interval of the difference
 * @param significant output → whether the difference is significant (after false-discovery control);
 *     {@code drift.NAME} → whether the drift p-value {@code NAME} is
 * @param tables the metric's tables
 * @param error why the metric failed, or null
 * @param drift the metric's distribution-level statistics against the baseline (PSI, KS, χ² and
 *     their p-values), null when undefined; empty without a baseline or for metrics without any
 */
public record WindowResult(String monitor, String model, String metric, String type, Map<String, String> segment,
                           Instant windowStart, Instant windowEnd, String scope, long count, long rejected,
                           Map<String, Double> values, Map<String, double[]> intervals, Map<String, Double> baseline,
                           Map<String, Double> delta, Map<String, double[]> deltaIntervals,
                           Map<String, Boolean> significant, Map<String, Table> tables, String error,
                           Map<String, Double> drift) {
    public WindowResult {
        drift = drift == null ? Map.of() : drift;
    }

    /** A result without drift statistics. */
    public WindowResult(String monitor, String model, String metric, String type, Map<String, String> segment,
                        Instant windowStart, Instant windowEnd, String scope, long count, long rejected,
                        Map<String, Double> values, Map<String, double[]> intervals, Map<String, Double> baseline,
                        Map<String, Double> delta, Map<String, double[]> deltaIntervals,
                        Map<String, Boolean> significant, Map<String, Table> tables, String error) {
        this(monitor, model, metric, type, segment, windowStart, windowEnd, scope, count, rejected, values, intervals,
                baseline, delta, deltaIntervals, significant, tables, error, Map.of());
    }

    /** Whether any output differs significantly from the baseline. */
    public boolean anySignificant() {
        return significant.containsValue(Boolean.TRUE);
    }
}
