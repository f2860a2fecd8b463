package io.modelwatch.core.alert;

import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test support: builds {@link WindowResult}s field by field. */
final class Results {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private String monitor = "mt";
    private String metric = "nlp.bleu";
    private Map<String, String> segment = Map.of();
    private String scope = "window";
    private long count = 100;
    private long rejected;
    private int window;
    private String error;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, double[]> intervals = new LinkedHashMap<>();
    private final Map<String, Double> baseline = new LinkedHashMap<>();
    private final Map<String, Double> delta = new LinkedHashMap<>();
    private final Map<String, double[]> deltaIntervals = new LinkedHashMap<>();
    private final Map<String, Boolean> significant = new LinkedHashMap<>();

    static Results result() {
        return new Results();
    }

    /** A result of metric {@code nlp.bleu} of monitor {@code mt} for hourly window {@code n} with one value. */
    static WindowResult score(int n, Double score) {
        return result().window(n).value("score", score).build();
    }

    Results monitor(String m) {
        monitor = m;
        return this;
    }

    Results metric(String m) {
        metric = m;
        return this;
    }

    Results segment(String key, String value) {
        segment = Map.of(key, value);
        return this;
    }

    Results scope(String s) {
        scope = s;
        return this;
    }

    Results count(long c, long r) {
        count = c;
        rejected = r;
        return this;
    }

    /** The hourly window {@code n}: [T0 + n h, T0 + (n + 1) h). */
    Results window(int n) {
        window = n;
        return this;
    }

    Results error(String e) {
        error = e;
        return this;
    }

    Results value(String name, Double v) {
        values.put(name, v);
        return this;
    }

    Results interval(String name, double lo, double hi) {
        intervals.put(name, new double[] {lo, hi});
        return this;
    }

    /** Sets the baseline value and the delta (value − baseline) of an output that has a value. */
    Results baseline(String name, double b) {
        baseline.put(name, b);
        delta.put(name, values.get(name) - b);
        return this;
    }

    Results deltaInterval(String name, double lo, double hi) {
        deltaIntervals.put(name, new double[] {lo, hi});
        return this;
    }

    Results significant(String name, boolean s) {
        significant.put(name, s);
        return this;
    }

    WindowResult build() {
        Instant start = T0.plusSeconds(3600L * window);
        return new WindowResult(monitor, "mt-en-de", metric, "nlp.bleu", segment, start, start.plusSeconds(3600), scope,
                count, rejected, values, intervals, baseline, delta, deltaIntervals, significant, Map.of(), error);
    }
}
