package io.modelwatch.core.kernel;

import io.modelwatch.api.MetricValue;
import io.modelwatch.core.config.IntervalsConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the merged group states of one (segment, window) into results: each metric's value,
 * its interval from the groups, and its comparison with the baseline, with the false discovery
 * rate controlled (Benjamini–Hochberg at 1 − confidence) over all the comparisons of the window.
 */
final class Evaluator {
    /** The prefix of a drift p-value's key in {@link WindowResult#significant()}. */
    static final String DRIFT = "drift.";

    private final MonitorPlan plan;
    private final IntervalsConfig intervals;

    /** A baseline's value and group estimates for one metric, reused while the baseline is unchanged. */
    private record BaseEstimate(Object merged, MetricValue value, Map<String, GroupStatistics.Estimate> estimates) {
    }

    private Object[][] cachedFor;
    private long cachedVersion;
    private final Map<Integer, BaseEstimate> cache = new java.util.HashMap<>();

    Evaluator(MonitorPlan plan) {
        this.plan = plan;
        this.intervals = plan.config().intervals();
    }

    private BaseEstimate baseEstimate(MetricSlot slot, Object[][] base, SegmentState segment) {
        if (cachedFor != base || cachedVersion != segment.baselineVersion) {
            cache.clear();
            cachedFor = base;
            cachedVersion = segment.baselineVersion;
        }
        return cache.computeIfAbsent(slot.index(), i -> {
            List<Object> baseGroups = Arrays.asList(base[i]);
            Object merged = slot.mergeAll(baseGroups);
            MetricValue value = merged == null ? null : slot.result(merged);
            Map<String, GroupStatistics.Estimate> est = value != null && intervals.enabled()
                    ? GroupStatistics.estimate(slot, baseGroups, value, intervals.method(), 7L * segment.index + 1)
                    : Map.of();
            return new BaseEstimate(merged, value, est);
        });
    }

    /**
     * Evaluates one window.
     *
     * @param window {@code [metric][group]} states of the window (merged over its panes)
     * @param base {@code [metric][group]} states of the baseline, or null
     */
    List<WindowResult> evaluate(SegmentState segment, long start, long end, String scope, Object[][] window,
                                Object[][] base) {
        record Pending(MetricSlot slot, MetricValue value, Map<String, GroupStatistics.Estimate> est,
                       Map<String, Double> baseline, Map<String, Double> delta, Map<String, double[]> deltaIntervals,
                       Map<String, double[]> intervals, List<String> tested, List<Double> pValues,
                       Map<String, Double> drift) {
        }
        List<Pending> pending = new ArrayList<>();
        List<Double> allP = new ArrayList<>();
        double confidence = intervals.confidence();
        long seed = 31L * start + segment.index;
        for (MetricSlot slot : plan.metrics()) {
            List<Object> groups = window[slot.index()] == null ? List.of() : Arrays.asList(window[slot.index()]);
            Object merged = slot.mergeAll(groups);
            MetricValue value = merged == null ? null : slot.result(merged);
            if (value == null) {
                pending.add(new Pending(slot, null, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(),
                        Map.of()));
                continue;
            }
            Map<String, GroupStatistics.Estimate> est = Map.of();
            Map<String, double[]> ints = new LinkedHashMap<>();
            if (intervals.enabled()) {
                est = GroupStatistics.estimate(slot, groups, value, intervals.method(), seed);
                for (Map.Entry<String, GroupStatistics.Estimate> e : est.entrySet()) {
                    double[] ci = slot.isTotal(e.getKey()) ? null : GroupStatistics.interval(e.getValue(), confidence);
                    if (ci != null) {
                        ints.put(e.getKey(), slot.withinRange(e.getKey(), ci));
                    }
                }
            }
            Map<String, Double> baseline = new LinkedHashMap<>();
            Map<String, Double> delta = new LinkedHashMap<>();
            Map<String, double[]> deltaIntervals = new LinkedHashMap<>();
            List<String> tested = new ArrayList<>();
            List<Double> pValues = new ArrayList<>();
            Map<String, Double> drift = new LinkedHashMap<>();
            BaseEstimate be0 = base == null || base[slot.index()] == null ? null : baseEstimate(slot, base, segment);
            if (be0 != null) {
                MetricValue baseValue = be0.value();
                if (baseValue != null && baseValue.count() > 0) {
                    Map<String, GroupStatistics.Estimate> baseEst = be0.estimates();
                    for (Map.Entry<String, Double> e : value.values().entrySet()) {
                        String out = e.getKey();
                        Double b = baseValue.values().get(out);
                        if (b == null || slot.isTotal(out)) {
                            continue;
                        }
                        baseline.put(out, b);
                        if (e.getValue() == null) {
                            continue;
                        }
                        delta.put(out, e.getValue() - b);
                        GroupStatistics.Estimate ce = est.get(out);
                        GroupStatistics.Estimate be = baseEst.get(out);
                        if (ce != null && be != null) {
                            double[] cmp = GroupStatistics.compare(ce, be, confidence);
                            if (cmp != null && !Double.isNaN(cmp[1])) {
                                deltaIntervals.put(out, new double[] {cmp[1], cmp[2]});
                                tested.add(out);
                                pValues.add(cmp[3]);
                                allP.add(cmp[3]);
                            }
                        }
                    }
                    // Distribution-level statistics the metric computes from both states; its
                    // p-values join the window's false-discovery control.
                    MetricValue d = slot.drift(merged, be0.merged());
                    if (d != null) {
                        for (Map.Entry<String, Double> e : d.values().entrySet()) {
                            Double v = e.getValue() == null || e.getValue().isNaN() ? null : e.getValue();
                            drift.put(e.getKey(), v);
                            if (v != null && e.getKey().endsWith("_p_value")) {
                                tested.add(DRIFT + e.getKey());
                                pValues.add(v);
                                allP.add(v);
                            }
                        }
                    }
                }
            }
            pending.add(new Pending(slot, value, est, baseline, delta, deltaIntervals, ints, tested, pValues, drift));
        }
        double[] p = allP.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] discoveries = GroupStatistics.benjaminiHochberg(p, 1 - confidence);
        int next = 0;
        List<WindowResult> results = new ArrayList<>();
        for (Pending r : pending) {
            Map<String, Boolean> significant = new LinkedHashMap<>();
            for (String out : r.tested()) {
                significant.put(out, discoveries[next++]);
            }
            String model = plan.config().model() == null ? plan.name() : plan.config().model();
            MetricValue v = r.value();
            results.add(new WindowResult(plan.name(), model, r.slot().name(), r.slot().type(), segment.labels,
                    Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), scope,
                    v == null ? 0 : v.count(), v == null ? 0 : v.rejected(),
                    v == null ? Map.of() : v.values(), Collections.unmodifiableMap(r.intervals()),
                    Collections.unmodifiableMap(r.baseline()), Collections.unmodifiableMap(r.delta()),
                    Collections.unmodifiableMap(r.deltaIntervals()), Collections.unmodifiableMap(significant),
                    v == null ? Map.of() : v.tables(), v == null ? r.slot().failure() : null,
                    Collections.unmodifiableMap(r.drift())));
        }
        return results;
    }
}
