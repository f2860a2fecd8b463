package io.modelwatch.core.server;

import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.WindowResult;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The gauges of the latest window of each (monitor, metric, segment), built from the results at
 * scrape time. Thread-safe: results arrive from the shard threads while a scrape reads.
 *
 * <p>Labels are {@code monitor}, {@code model}, {@code metric} (the name the monitor gives the
 * metric; its type when unnamed) and {@code segment} ({@code k=v,k2=v2} in segment-by order, empty
 * when the monitor is not segmented). All are bounded: monitors and metrics come from the
 * configuration and segments are capped by {@code max-segments}. An undefined value (null or NaN)
 * leaves its series out of the scrape until a later window defines it. Whole-input results
 * ({@code scope: total}) are not exported.
 */
final class ResultGauges implements MultiCollector {
    static final List<String> LABELS = List.of("metric", "model", "monitor", "segment");

    private record SeriesKey(String monitor, String metric, String segment) {
    }

    private final ConcurrentMap<SeriesKey, WindowResult> latest = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> lastWindowEnd = new ConcurrentHashMap<>();

    /** Keeps a window's result when it is the latest of its (monitor, metric, segment). */
    void update(WindowResult r) {
        if (!"window".equals(r.scope())) {
            return;
        }
        SeriesKey key = new SeriesKey(r.monitor(), r.metric(), segmentText(r.segment()));
        latest.merge(key, r, (old, now) -> now.windowEnd().isBefore(old.windowEnd()) ? old : now);
        lastWindowEnd.merge(r.monitor(), r.windowEnd(), (a, b) -> b.isAfter(a) ? b : a);
    }

    /** The end of the latest window a monitor has reported, if any. */
    Optional<Instant> lastWindowEnd(String monitor) {
        return Optional.ofNullable(lastWindowEnd.get(monitor));
    }

    /** Segment labels as one label value: {@code k=v,k2=v2} in segment-by order; empty when none. */
    static String segmentText(Map<String, String> segment) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : segment.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(e.getKey()).append('=').append(e.getValue());
        }
        return text.toString();
    }

    @Override
    public MetricSnapshots collect() {
        // Sorted by name, then labels, so that two scrapes of the same results read the same.
        Map<String, Family> families = new TreeMap<>();
        for (WindowResult r : latest.values()) {
            Labels labels = Labels.of("metric", r.metric(), "model", r.model(), "monitor", r.monitor(),
                    "segment", segmentText(r.segment()));
            boolean seconds = MetricNames.isDuration(r.type());
            double scale = seconds ? MetricNames.secondsPerUnit(unitOf(r)) : 1.0;
            for (Map.Entry<String, Double> e : r.values().entrySet()) {
                String output = e.getKey();
                add(families, r, output, "", seconds, labels, scaled(e.getValue(), scale));
                double[] ci = r.intervals().get(output);
                if (ci != null) {
                    add(families, r, output, "ci_lower", seconds, labels, ci[0] * scale);
                    add(families, r, output, "ci_upper", seconds, labels, ci[1] * scale);
                }
                add(families, r, output, "baseline", seconds, labels, scaled(r.baseline().get(output), scale));
                add(families, r, output, "delta", seconds, labels, scaled(r.delta().get(output), scale));
                double[] dci = r.deltaIntervals().get(output);
                if (dci != null) {
                    add(families, r, output, "delta_ci_lower", seconds, labels, dci[0] * scale);
                    add(families, r, output, "delta_ci_upper", seconds, labels, dci[1] * scale);
                }
                Boolean significant = r.significant().get(output);
                if (significant != null) {
                    add(families, r, output, "significant", false, labels, significant ? 1.0 : 0.0);
                }
            }
            // Drift statistics against the baseline (PSI, KS, chi-squared): <metric>_drift_<name>,
            // and for a p-value its significance after false-discovery control.
            for (Map.Entry<String, Double> e : r.drift().entrySet()) {
                String output = "drift_" + e.getKey();
                add(families, r, output, "", false, labels, e.getValue());
                Boolean significant = r.significant().get("drift." + e.getKey());
                if (significant != null) {
                    add(families, r, output, "significant", false, labels, significant ? 1.0 : 0.0);
                }
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        for (Map.Entry<String, Family> e : families.entrySet()) {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(e.getKey()).help(e.getValue().help);
            e.getValue().points.forEach((labels, value) ->
                    gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()));
            snapshots.add(gauge.build());
        }
        return new MetricSnapshots(snapshots);
    }

    private static final class Family {
        final String help;
        final Map<Labels, Double> points = new TreeMap<>();

        Family(String help) {
            this.help = help;
        }
    }

    private static void add(Map<String, Family> families, WindowResult r, String output, String part, boolean seconds,
                            Labels labels, Double value) {
        if (value == null || value.isNaN()) {
            return; // undefined: no series rather than NaN, so that absent() and alert rules see "no data"
        }
        String name = MetricNames.gauge(r.type(), output, part, seconds);
        // Two outputs may reduce to one name (a@b and a_at_b): the first one wins, never a duplicate series.
        families.computeIfAbsent(name, n -> new Family(help(r.type(), output, part, seconds)))
                .points.putIfAbsent(labels, value);
    }

    private static Double scaled(Double value, double scale) {
        return value == null ? null : value * scale;
    }

    private static String unitOf(WindowResult r) {
        Table unit = r.tables().get("unit");
        if (unit == null || unit.rows().isEmpty() || unit.rows().get(0).isEmpty()) {
            return null;
        }
        Object value = unit.rows().get(0).get(0);
        return value == null ? null : value.toString();
    }

    private static String help(String type, String output, String part, boolean seconds) {
        String what = type + " " + output + (seconds ? " in seconds" : "");
        String text = switch (part) {
            case "" -> what;
            case "ci_lower" -> "Lower bound of the confidence interval of " + what;
            case "ci_upper" -> "Upper bound of the confidence interval of " + what;
            case "baseline" -> "Baseline value of " + what;
            case "delta" -> "Difference from the baseline (value minus baseline) of " + what;
            case "delta_ci_lower" -> "Lower bound of the confidence interval of the difference from the baseline of " + what;
            case "delta_ci_upper" -> "Upper bound of the confidence interval of the difference from the baseline of " + what;
            case "significant" -> "Whether " + type + " " + output + " differs significantly from the baseline (1) or not (0)";
            default -> throw new IllegalArgumentException("unknown part " + part);
        };
        return text + ", latest window.";
    }
}
