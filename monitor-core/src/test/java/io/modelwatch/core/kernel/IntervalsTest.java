package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confidence intervals by random groups (jackknife and bootstrap), Welch comparison with the
 * baseline, and Benjamini–Hochberg false discovery control.
 */
class IntervalsTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    /**
     * Coverage of the delete-a-group jackknife interval: 400 seeded repetitions of 3,200 records
     * drawn from a normal distribution with mean 100 and sd 10, each a static run with the default
     * intervals (32 groups, 95%); the interval for core.latency's mean should hold 100 in about
     * 95% of them. With 400 repetitions the binomial sd of the coverage is about 1.1 points, so
     * [0.92, 0.98] is roughly ±3 sd. Runs 20 monitors per engine run.
     */
    @Test
    void jackknifeIntervalCoversTheTrueMeanAbout95PercentOfTheTime() throws Exception {
        double coverage = coverage("jackknife", 400, 3200, "mean");
        System.out.printf("jackknife 95%% interval coverage of the true mean: %.4f (400 repetitions of 3200 records)%n",
                coverage);
        assertThat(coverage).isBetween(0.92, 0.98);
    }

    /** The bootstrap over groups (percentile interval, 200 resamples): same experiment, fewer repetitions. */
    @Test
    void bootstrapIntervalCoversTheTrueMeanRoughly95PercentOfTheTime() throws Exception {
        double coverage = coverage("bootstrap", 200, 3200, "mean");
        System.out.printf("bootstrap 95%% interval coverage of the true mean: %.4f (200 repetitions of 3200 records)%n",
                coverage);
        // The percentile bootstrap on 32 groups is known to under-cover a little; allow for it.
        assertThat(coverage).isBetween(0.88, 0.99);
    }

    private double coverage(String method, int repetitions, int records, String output) throws Exception {
        KernelHarness h = new KernelHarness(dir);
        Random random = new Random(method.hashCode());
        int perRun = 20;
        int covered = 0;
        int total = 0;
        for (int run = 0; run < repetitions / perRun; run++) {
            StringBuilder yaml = new StringBuilder("monitors:\n");
            for (int m = 0; m < perRun; m++) {
                List<String> lines = new ArrayList<>(records);
                for (int i = 0; i < records; i++) {
                    // Unrounded normal values; the time spreads over an hour, the id is random.
                    lines.add("{\"ts\":" + (T0 + i * 1000L) + ",\"request_id\":\"q" + random.nextLong() + "\",\"latency_ms\":"
                            + (100 + 10 * random.nextGaussian()) + "}");
                }
                h.write("cov/m" + m + ".jsonl", lines);
                yaml.append("""
                          - name: m%d
                            source: { path: cov/m%d.jsonl }
                            fields: { time: /ts, id: /request_id, latency: /latency_ms }
                            intervals: { method: %s }
                            metrics: [ { type: core.latency } ]
                        """.formatted(m, m, method));
            }
            KernelHarness.Run result = h.run(yaml.toString());
            for (WindowResult r : result.of("core.latency")) {
                assertThat(r.count()).isEqualTo(records);
                double[] ci = r.intervals().get(output);
                assertThat(ci[0]).isLessThanOrEqualTo(r.values().get(output));
                assertThat(ci[1]).isGreaterThanOrEqualTo(r.values().get(output));
                if (ci[0] <= 100 && 100 <= ci[1]) {
                    covered++;
                }
                total++;
            }
        }
        assertThat(total).isEqualTo(repetitions);
        return covered / (double) total;
    }

    /**
     * The same experiment for the median (true median 100): measured, with a loose floor, because
     * the delete-a-group jackknife is not a consistent variance estimator for a quantile. Measured
     * here: jackknife 1.00 of 200 (too wide with 100 records a group), bootstrap 0.97 of 100; with
     * small groups the jackknife errs the other way (see {@link #noShiftRarelyFlagsSignificance}).
     */
    @Test
    void medianIntervalCoverageIsMeasured() throws Exception {
        double jackknife = coverage("jackknife", 200, 3200, "p50");
        double bootstrap = coverage("bootstrap", 100, 3200, "p50");
        System.out.printf("p50 95%% interval coverage of the true median: jackknife %.4f (200 reps), bootstrap %.4f (100 reps)%n",
                jackknife, bootstrap);
        assertThat(jackknife).isGreaterThan(0.80);
        assertThat(bootstrap).isGreaterThan(0.80);
    }

    /**
     * Without an id field, records go to groups round robin (record i to group i mod G), so the
     * jackknife can be recomputed here from its definition: θ₍g₎ the mean without group g,
     * se² = (G−1)/G · Σ(θ₍g₎ − mean θ₍·₎)², interval = mean ± t(0.975, G−1) · se.
     */
    @Test
    void jackknifeIntervalMatchesItsDefinition() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        Random random = new Random(9);
        int n = 1000;
        int groups = 8;
        double[] x = new double[n];
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = Math.round((50 + 20 * random.nextDouble()) * 1000) / 1000.0;
            lines.add("{\"ts\":" + (T0 + i) + ",\"latency_ms\":" + x[i] + ",\"error\":" + (i % 7 == 0 ? "true" : "false") + "}");
        }
        h.write("in.jsonl", lines);
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: jk
                    source: { path: in.jsonl }
                    fields: { time: /ts, latency: /latency_ms, failed: /error }
                    intervals: { groups: 8, confidence: 0.9 }
                    metrics:
                      - type: core.latency
                      - type: core.error_rate
                """);
        double[] sum = new double[groups];
        double[] errors = new double[groups];
        int[] count = new int[groups];
        double all = 0;
        for (int i = 0; i < n; i++) {
            sum[i % groups] += x[i];
            errors[i % groups] += i % 7 == 0 ? 1 : 0;
            count[i % groups]++;
            all += x[i];
        }
        double totalErrors = 0;
        for (double e : errors) {
            totalErrors += e;
        }
        double[] looMean = new double[groups];
        double[] looRate = new double[groups];
        for (int g = 0; g < groups; g++) {
            looMean[g] = (all - sum[g]) / (n - count[g]);
            looRate[g] = (totalErrors - errors[g]) / (n - count[g]);
        }
        double t = new TDistribution(groups - 1).inverseCumulativeProbability(0.95);
        WindowResult latency = run.of("core.latency").get(0);
        WindowResult rate = run.of("core.error_rate").get(0);
        double seMean = jackknifeSe(looMean);
        double seRate = jackknifeSe(looRate);
        assertThat(latency.intervals().get("mean")[0]).isCloseTo(all / n - t * seMean, within(1e-9));
        assertThat(latency.intervals().get("mean")[1]).isCloseTo(all / n + t * seMean, within(1e-9));
        assertThat(rate.intervals().get("rate")[0]).isCloseTo(totalErrors / n - t * seRate, within(1e-12));
        assertThat(rate.intervals().get("rate")[1]).isCloseTo(totalErrors / n + t * seRate, within(1e-12));
        // Descriptive outputs carry no interval.
        assertThat(latency.intervals()).doesNotContainKeys("min", "max");
        assertThat(rate.intervals()).doesNotContainKey("errors");
    }

    /**
     * One error in 1,000 records: the jackknife interval of the rate, mean ± t·se, reaches below
     * 0, where no error rate can be; the host cuts it at the output's declared lowest value and
     * leaves the upper end as the definition gives it.
     */
    @Test
    void anIntervalStopsAtTheRangeOfItsOutput() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        int n = 1000;
        int groups = 8;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("{\"ts\":" + (T0 + i) + ",\"error\":" + (i == 500 ? "true" : "false") + "}");
        }
        h.write("in.jsonl", lines);
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: rare
                    source: { path: in.jsonl }
                    fields: { time: /ts, failed: /error }
                    intervals: { groups: 8, confidence: 0.9 }
                    metrics:
                      - type: core.error_rate
                """);
        double[] looRate = new double[groups];
        for (int g = 0; g < groups; g++) {
            looRate[g] = (g == 500 % groups ? 0.0 : 1.0) / (n - n / groups);
        }
        double t = new TDistribution(groups - 1).inverseCumulativeProbability(0.95);
        double se = jackknifeSe(looRate);
        assertThat(1.0 / n - t * se).as("the uncut lower end").isNegative();
        double[] interval = run.of("core.error_rate").get(0).intervals().get("rate");
        assertThat(interval[0]).isEqualTo(0.0);
        assertThat(interval[1]).isCloseTo(1.0 / n + t * se, within(1e-12));
    }

    private static double jackknifeSe(double[] loo) {
        int g = loo.length;
        double mean = 0;
        for (double v : loo) {
            mean += v / g;
        }
        double ss = 0;
        for (double v : loo) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt((g - 1.0) / g * ss);
    }

    @Test
    void intervalsCanBeTurnedOffAndNeedTwoNonEmptyGroups() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        h.write("in.jsonl", Rec.json(Rec.random(new Random(1), 200, T0, T0 + HOUR, 100)));
        h.write("one.jsonl", List.of(new Rec(T0, "only", 10, null, "de").json()));
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: off
                    source: { path: in.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    intervals: { enabled: false }
                    metrics: [ { type: core.latency } ]
                  - name: single
                    source: { path: one.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    metrics: [ { type: core.latency } ]
                """);
        assertThat(run.of("core.latency")).hasSize(2).allSatisfy(r -> assertThat(r.intervals()).isEmpty());
    }

    // ---- Welch comparison and Benjamini–Hochberg on known numbers ----

    /**
     * Worked by hand: current 10 (se 1, 9 df) against baseline 8 (se 1, 9 df): delta 2, se √2,
     * Satterthwaite df = (1 + 1)² / (1/9 + 1/9) = 18; interval 2 ± t(0.975, 18)·√2; p = 2·T18(−2/√2).
     */
    @Test
    void welchComparisonByHand() {
        double[] cmp = GroupStatistics.compare(new GroupStatistics.Estimate(10, 1, 9, null),
                new GroupStatistics.Estimate(8, 1, 9, null), 0.95);
        TDistribution t18 = new TDistribution(18);
        double half = t18.inverseCumulativeProbability(0.975) * Math.sqrt(2);
        assertThat(cmp[0]).isEqualTo(2.0);
        assertThat(cmp[1]).isCloseTo(2 - half, within(1e-12));
        assertThat(cmp[2]).isCloseTo(2 + half, within(1e-12));
        assertThat(cmp[3]).isCloseTo(2 * t18.cumulativeProbability(-2 / Math.sqrt(2)), within(1e-12));
        // Unequal spreads: se 2 (4 df) and se 1 (30 df): df = (4 + 1)² / (16/4 + 1/30) = 25 / 4.0333… = 6.198…
        double[] unequal = GroupStatistics.compare(new GroupStatistics.Estimate(5, 2, 4, null),
                new GroupStatistics.Estimate(0, 1, 30, null), 0.95);
        double df = 25 / (4 + 1 / 30.0);
        assertThat(unequal[3]).isCloseTo(2 * new TDistribution(df).cumulativeProbability(-5 / Math.sqrt(5)), within(1e-12));
        // No spread on either side: nothing to test.
        assertThat(GroupStatistics.compare(new GroupStatistics.Estimate(1, Double.NaN, 0, null),
                new GroupStatistics.Estimate(0, 1, 9, null), 0.95)[3]).isNaN();
    }

    @Test
    void benjaminiHochbergOnKnownPValues() {
        // m = 5, q = 0.05: sorted 0.005 ≤ 0.01, 0.01 ≤ 0.02, 0.03 ≤ 0.03, 0.04 ≤ 0.04, 0.20 > 0.05 → the first four.
        assertThat(GroupStatistics.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005, 0.20}, 0.05))
                .containsExactly(true, true, true, true, false);
        // Step-up: 0.02 misses its own threshold 0.0167, but 0.04 ≤ 0.05 at rank 3 carries all three.
        assertThat(GroupStatistics.benjaminiHochberg(new double[] {0.04, 0.02, 0.03}, 0.05))
                .containsExactly(true, true, true);
        // Largest rank passing is 2 (0.02 ≤ 0.025); 0.045 > 0.0375 and 0.06 > 0.05.
        assertThat(GroupStatistics.benjaminiHochberg(new double[] {0.06, 0.001, 0.045, 0.02}, 0.05))
                .containsExactly(false, true, false, true);
        // Bonferroni (p ≤ q/m = 0.0125) rejects only the first; BH rejects all (each p = its rank · q / m).
        assertThat(GroupStatistics.benjaminiHochberg(new double[] {0.0125, 0.025, 0.0375, 0.05}, 0.05))
                .containsExactly(true, true, true, true);
        // NaN is not a test: m = 1 here.
        assertThat(GroupStatistics.benjaminiHochberg(new double[] {Double.NaN, 0.04}, 0.05)).containsExactly(false, true);
        assertThat(GroupStatistics.benjaminiHochberg(new double[] {0.5, 0.9}, 0.05)).containsExactly(false, false);
        assertThat(GroupStatistics.benjaminiHochberg(new double[0], 0.05)).isEmpty();
    }

    /**
     * Under the null (current and baseline from the same distribution), with BH over each
     * window's 6 comparisons (latency mean, p50, p90, p95, p99 and error rate), 40 hourly windows
     * of about 200 records against a 10-hour baseline.
     */
    @Test
    void noShiftRarelyFlagsSignificance() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        h.write("in.jsonl", Rec.json(Rec.random(new Random(12), 8000, T0, T0 + 40 * HOUR, 100)));
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: null-shift
                    source: { path: in.jsonl }
                    fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                    window: { size: 1h }
                    baseline: { from: "2026-11-01T00:00:00Z", to: "2026-11-01T10:00:00Z" }
                    metrics:
                      - { type: core.latency, params: { k: 8000 } }
                      - { type: core.error_rate }
                """);
        long flagged = run.windows().stream().flatMap(List::stream).filter(r -> r.scope().equals("window"))
                .mapToLong(r -> r.significant().values().stream().filter(b -> b).count()).sum();
        long tests = run.windows().stream().flatMap(List::stream).filter(r -> r.scope().equals("window"))
                .mapToLong(r -> r.significant().size()).sum();
        java.util.Map<String, Long> byOutput = new java.util.TreeMap<>();
        run.windows().stream().flatMap(List::stream).filter(r -> r.scope().equals("window"))
                .forEach(r -> r.significant().forEach((k, b) -> byOutput.merge(k, b ? 1L : 0L, Long::sum)));
        System.out.printf("no shift: %d of %d comparisons flagged significant, by output %s%n", flagged, tests, byOutput);
        assertThat(tests).isEqualTo(40 * 6);
        // Smooth statistics: at most the nominal 5% of the 40 windows (2), plus slack.
        assertThat(byOutput.get("mean")).isLessThanOrEqualTo(3);
        assertThat(byOutput.get("rate")).isLessThanOrEqualTo(3);
        // Quantiles are flagged more often (measured here: 14 of 160): the delete-a-group jackknife
        // underestimates a quantile's spread when groups hold few records (~6 here). Bound it so a
        // regression shows, without claiming nominal calibration.
        assertThat(flagged).isLessThanOrEqualTo(tests / 10);
    }
}
