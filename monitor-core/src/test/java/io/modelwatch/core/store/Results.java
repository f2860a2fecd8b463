package io.modelwatch.core.store;

import io.modelwatch.api.Table;
import io.modelwatch.core.alert.AlertTransition;
import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results and alert transitions for store tests. */
final class Results {
    private Results() {
    }

    /** A result of a day-long window starting at {@code start} with one output {@code mean}. */
    static WindowResult day(String monitor, String metric, Map<String, String> segment, String start, double mean) {
        Instant from = Instant.parse(start);
        return result(monitor, metric, segment, from, from.plusSeconds(86_400), "window", mean);
    }

    static WindowResult result(String monitor, String metric, Map<String, String> segment, Instant start, Instant end,
                               String scope, double mean) {
        return new WindowResult(monitor, "model-1", metric, "core.latency", segment, start, end, scope, 100, 0,
                Map.of("mean", mean), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), null);
    }

    /** A result that uses every part of the format: intervals, baseline, undefined values, a table, text to escape. */
    static WindowResult rich() {
        Map<String, String> segment = new LinkedHashMap<>();
        segment.put("city", "Zürich \"Nord\"");
        segment.put("device", "ios\n14");
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("mean", 61.54);
        values.put("p50", 52.0);
        values.put("p99", null);
        values.put("tiny", 1.0e-7);
        Map<String, double[]> intervals = new LinkedHashMap<>();
        intervals.put("mean", new double[] {58.6, 64.48});
        Map<String, Double> baseline = new LinkedHashMap<>();
        baseline.put("mean", 36.46);
        Map<String, Double> delta = new LinkedHashMap<>();
        delta.put("mean", 25.08);
        Map<String, double[]> deltaIntervals = new LinkedHashMap<>();
        deltaIntervals.put("mean", new double[] {21.9, 28.2});
        Map<String, Boolean> significant = new LinkedHashMap<>();
        significant.put("mean", true);
        significant.put("p50", false);
        Table unit = new Table(List.of("unit", "bins"), List.of(List.<Object>of("ms", 10), List.<Object>of("µs ✓", 0.5)));
        return new WindowResult("checkout", "ranker-v3", "latency", "core.latency", segment,
                Instant.parse("2026-11-04T00:00:00Z"), Instant.parse("2026-11-05T00:00:00Z"), "window", 2000, 3,
                values, intervals, baseline, delta, deltaIntervals, significant, Map.of("unit", unit), null);
    }

    static AlertTransition transition(String monitor, String from, String to, String at) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("delta.mean", 25.5);
        values.put("value.p99", Double.NaN);
        return new AlertTransition(monitor, "model-1", "latency", Map.of("country", "de"), "slow", "delta.mean > 20",
                from, to, Instant.parse("2026-11-04T00:00:00Z"), Instant.parse("2026-11-05T00:00:00Z"),
                Instant.parse(at), values);
    }
}
