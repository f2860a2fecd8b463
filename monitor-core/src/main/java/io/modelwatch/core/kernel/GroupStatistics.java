package io.modelwatch.core.kernel;

import io.modelwatch.api.MetricValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Spread of a metric's outputs from its random-group states (DESIGN §4): the delete-a-group
 * jackknife (deterministic; t quantile on G−1 degrees of freedom) or a seeded bootstrap over
 * groups. Works for any mergeable metric, because groups are states.
 */
final class GroupStatistics {
    /** Estimates per output: the value on all groups, its standard error and degrees of freedom. */
    record Estimate(double value, double standardError, int degreesOfFreedom, double[] bootstrap) {
    }

    private GroupStatistics() {
    }

    /**
     * Returns an estimate for each output of {@code full}, from the group states. Groups with no
     * records are left out; fewer than two non-empty groups give no standard error (NaN).
     */
    static Map<String, Estimate> estimate(MetricSlot slot, List<Object> groups, MetricValue full, String method,
                                          long seed) {
        List<Object> nonEmpty = new ArrayList<>();
        for (Object g : groups) {
            MetricValue v = slot.result(g);
            if (v != null && v.count() + v.rejected() > 0) {
                nonEmpty.add(g);
            }
        }
        int n = nonEmpty.size();
        Map<String, Estimate> out = new LinkedHashMap<>();
        if (n < 2) {
            full.values().forEach((k, v) -> out.put(k, new Estimate(v == null ? Double.NaN : v, Double.NaN, 0, null)));
            return out;
        }
        if ("bootstrap".equals(method)) {
            return bootstrap(slot, nonEmpty, full, seed);
        }
        // Leave-one-out states from prefix and suffix merges: O(G) merges instead of O(G^2).
        Object[] prefix = new Object[n + 1];
        Object[] suffix = new Object[n + 1];
        prefix[0] = slot.newState();
        suffix[n] = slot.newState();
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = slot.mergeAll(List.of(prefix[i], nonEmpty.get(i)));
        }
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = slot.mergeAll(List.of(suffix[i + 1], nonEmpty.get(i)));
        }
        List<MetricValue> loo = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MetricValue v = slot.result(slot.mergeAll(List.of(prefix[i], suffix[i + 1])));
            if (v == null) {
                return out;
            }
            loo.add(v);
        }
        for (Map.Entry<String, Double> e : full.values().entrySet()) {
            double value = e.getValue() == null ? Double.NaN : e.getValue();
            double sum = 0;
            int m = 0;
            for (MetricValue v : loo) {
                Double x = v.values().get(e.getKey());
                if (x != null) {
                    sum += x;
                    m++;
                }
            }
            if (m < n || Double.isNaN(value)) {
                out.put(e.getKey(), new Estimate(value, Double.NaN, 0, null));
                continue;
            }
            double mean = sum / n;
            double ss = 0;
            for (MetricValue v : loo) {
                double d = v.values().get(e.getKey()) - mean;
                ss += d * d;
            }
            double variance = (n - 1.0) / n * ss;
            out.put(e.getKey(), new Estimate(value, Math.sqrt(variance), n - 1, null));
        }
        return out;
    }

    private static final int BOOTSTRAP_RESAMPLES = 200;

    private static Map<String, Estimate> bootstrap(MetricSlot slot, List<Object> groups, MetricValue full, long seed) {
        Random random = new Random(seed);
        int n = groups.size();
        Map<String, double[]> samples = new LinkedHashMap<>();
        full.values().keySet().forEach(k -> samples.put(k, new double[BOOTSTRAP_RESAMPLES]));
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            Object state = slot.newState();
            for (int i = 0; i < n; i++) {
                slot.merge(state, groups.get(random.nextInt(n)));
            }
            MetricValue v = slot.result(state);
            for (Map.Entry<String, double[]> e : samples.entrySet()) {
                Double x = v == null ? null : v.values().get(e.getKey());
                e.getValue()[b] = x == null ? Double.NaN : x;
            }
        }
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : full.values().entrySet()) {
            double[] s = samples.get(e.getKey());
            double mean = 0;
            for (double x : s) {
                mean += x;
            }
            mean /= s.length;
            double ss = 0;
            for (double x : s) {
                ss += (x - mean) * (x - mean);
            }
            double value = e.getValue() == null ? Double.NaN : e.getValue();
            out.put(e.getKey(), new Estimate(value, Math.sqrt(ss / (s.length - 1)), n - 1, s.clone()));
        }
        return out;
    }

    /** Returns the two-sided t quantile for {@code confidence} on {@code df} degrees of freedom. */
    static double tQuantile(double confidence, double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    /** Returns the interval of an estimate, or null when it has no standard error. */
    static double[] interval(Estimate e, double confidence) {
        if (!(e.standardError() >= 0) || e.degreesOfFreedom() < 1 || Double.isNaN(e.value())) {
            return null;
        }
        if (e.bootstrap() != null) {
            double[] sorted = e.bootstrap().clone();
            java.util.Arrays.sort(sorted);
            if (Double.isNaN(sorted[sorted.length - 1])) {
                return null;
            }
            double alpha = (1 - confidence) / 2;
            int lo = (int) Math.floor(alpha * (sorted.length - 1));
            int hi = (int) Math.ceil((1 - alpha) * (sorted.length - 1));
            return new double[] {sorted[lo], sorted[hi]};
        }
        double half = tQuantile(confidence, e.degreesOfFreedom()) * e.standardError();
        return new double[] {e.value() - half, e.value() + half};
    }

    /**
     * Compares a current and a baseline estimate: returns {delta, low, high, p-value} using
     * Welch's t with Satterthwaite's degrees of freedom, or null when either lacks a spread.
     */
    static double[] compare(Estimate current, Estimate base, double confidence) {
        if (Double.isNaN(current.value()) || Double.isNaN(base.value())) {
            return null;
        }
        double delta = current.value() - base.value();
        double v1 = current.standardError() * current.standardError();
        double v2 = base.standardError() * base.standardError();
        if (!(v1 >= 0) || !(v2 >= 0) || current.degreesOfFreedom() < 1 || base.degreesOfFreedom() < 1) {
            return new double[] {delta, Double.NaN, Double.NaN, Double.NaN};
        }
        double se = Math.sqrt(v1 + v2);
        if (se == 0) {
            return new double[] {delta, delta, delta, delta == 0 ? 1.0 : 0.0};
        }
        double df = (v1 + v2) * (v1 + v2)
                / (v1 * v1 / current.degreesOfFreedom() + v2 * v2 / base.degreesOfFreedom());
        if (!(df >= 1)) {
            df = Math.min(current.degreesOfFreedom(), base.degreesOfFreedom());
        }
        TDistribution t = new TDistribution(null, df);
        double half = t.inverseCumulativeProbability(0.5 + confidence / 2) * se;
        double p = 2 * t.cumulativeProbability(-Math.abs(delta) / se);
        return new double[] {delta, delta - half, delta + half, p};
    }

    /**
     * Benjamini–Hochberg: returns which of the p-values are discoveries at false discovery rate
     * {@code q}. NaN p-values are never discoveries and do not count as tests.
     */
    static boolean[] benjaminiHochberg(double[] p, double q) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] idx = java.util.Arrays.copyOf(order, m);
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
        int k = -1;
        for (int i = 0; i < m; i++) {
            if (p[idx[i]] <= (i + 1) * q / m) {
                k = i;
            }
        }
        boolean[] out = new boolean[p.length];
        for (int i = 0; i <= k; i++) {
            out[idx[i]] = true;
        }
        return out;
    }
}
