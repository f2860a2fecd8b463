package io.modelwatch.core.server;

import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link WindowResult}s by hand for the exporter and API tests. */
final class Results {
    private String monitor = "translate";
    private String model = "mt-v1";
    private String metric;
    private final String type;
    private Map<String, String> segment = Map.of();
    private Instant start = Instant.parse("2026-11-01T00:00:00Z");
    private Instant end = Instant.parse("2026-11-01T00:05:00Z");
    private String scope = "window";
    private long count = 100;
    private long rejected;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, double[]> intervals = new LinkedHashMap<>();
    private final Map<String, Double> baseline = new LinkedHashMap<>();
    private final Map<String, Double> delta = new LinkedHashMap<>();
    private final Map<String, double[]> deltaIntervals = new LinkedHashMap<>();
    private final Map<String, Boolean> significant = new LinkedHashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Double> drift = new LinkedHashMap<>();

    private Results(String type) {
        this.type = type;
        this.metric = type;
    }

    static Results of(String type) {
        return new Results(type);
    }

    Results monitor(String monitor, String model) {
        this.monitor = monitor;
        this.model = model;
        return this;
    }

    Results metric(String name) {
        this.metric = name;
        return this;
    }

    Results segment(Map<String, String> labels) {
        this.segment = labels;
        return this;
    }

    Results window(String start, String end) {
        this.start = Instant.parse(start);
        this.end = Instant.parse(end);
        return this;
    }

    Results total() {
        this.scope = "total";
        return this;
    }

    Results rejected(long n) {
        this.rejected = n;
        return this;
    }

    Results value(String output, Double value) {
        values.put(output, value);
        return this;
    }

    Results interval(String output, double low, double high) {
        intervals.put(output, new double[] {low, high});
        return this;
    }

    Results baseline(String output, double value, double delta, double low, double high, boolean significant) {
        baseline.put(output, value);
        this.delta.put(output, delta);
        deltaIntervals.put(output, new double[] {low, high});
        this.significant.put(output, significant);
        return this;
    }

    Results table(String name, Table table) {
        tables.put(name, table);
        return this;
    }

    /** Adds a drift statistic; a p-value's significance when {@code significant} is not null. */
    Results drift(String name, Double value, Boolean significant) {
        drift.put(name, value);
        if (significant != null) {
            this.significant.put("drift." + name, significant);
        }
        return this;
    }

    WindowResult build() {
        return new WindowResult(monitor, model, metric, type, segment, start, end, scope, count, rejected,
                new LinkedHashMap<>(values), new LinkedHashMap<>(intervals), new LinkedHashMap<>(baseline),
                new LinkedHashMap<>(delta), new LinkedHashMap<>(deltaIntervals), new LinkedHashMap<>(significant),
                new LinkedHashMap<>(tables), null, new LinkedHashMap<>(drift));
    }
}
