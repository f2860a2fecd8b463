package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines from a time range, a reference file and the previous N windows: the baseline values
 * a result carries equal the metric computed directly on the baseline's records. core.latency
 * runs with k above the record count, so its quantiles are exact and comparable.
 */
class BaselinesTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private static double mean(List<Rec> recs) {
        return recs.stream().mapToDouble(Rec::latency).average().orElseThrow();
    }

    /** The inclusive quantile KLL reports when exact: the smallest value whose rank is at least q·n. */
    private static double quantile(List<Rec> recs, double q) {
        double[] v = recs.stream().mapToDouble(Rec::latency).sorted().toArray();
        return v[(int) Math.ceil(q * v.length) - 1];
    }

    private static double errorRate(List<Rec> recs) {
        return recs.stream().filter(r -> r.error() != null).count() / (double) recs.size();
    }

    private static List<Rec> where(List<Rec> recs, Predicate<Rec> p) {
        return recs.stream().filter(p).toList();
    }

    /** Four days: two normal (latency mean 100), two degraded (mean 130). */
    private static List<Rec> week(long seed) {
        Random random = new Random(seed);
        List<Rec> recs = new ArrayList<>(Rec.random(random, 1500, T0, T0 + 2 * DAY, 100));
        recs.addAll(Rec.random(random, 1500, T0 + 2 * DAY, T0 + 4 * DAY, 130));
        return recs;
    }

    private static String monitor(String baseline) {
        return """
                monitors:
                  - name: base
                    source: { path: in.jsonl }
                    fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                    window: { size: 1d }
                    baseline: %s
                    metrics:
                      - { type: core.latency, params: { field: latency, k: 8000 } }
                      - { type: core.error_rate, params: { field: failed } }
                      - type: core.count
                """.formatted(baseline);
    }

    private static void assertBaseline(WindowResult latency, WindowResult errors, List<Rec> base) {
        assertThat(latency.baseline().get("mean")).isCloseTo(mean(base), within(1e-9));
        assertThat(latency.baseline().get("p50")).isEqualTo(quantile(base, 0.5));
        assertThat(latency.baseline().get("p90")).isEqualTo(quantile(base, 0.9));
        assertThat(latency.baseline().get("p99")).isEqualTo(quantile(base, 0.99));
        // min and max are descriptive: no baseline.
        assertThat(latency.baseline()).doesNotContainKeys("min", "max");
        assertThat(errors.baseline().get("rate")).isCloseTo(errorRate(base), within(1e-12));
        assertThat(errors.baseline()).doesNotContainKey("errors");
        for (WindowResult r : List.of(latency, errors)) {
            r.delta().forEach((k, d) -> {
                assertThat(d).isEqualTo(r.values().get(k) - r.baseline().get(k));
                double[] ci = r.deltaIntervals().get(k);
                assertThat(ci[0]).isLessThanOrEqualTo(d);
                assertThat(ci[1]).isGreaterThanOrEqualTo(d);
            });
        }
    }

    @Test
    void baselineFromATimeRange() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        List<Rec> recs = week(1);
        h.write("in.jsonl", Rec.json(recs));
        KernelHarness.Run run = h.run(monitor("{ from: \"2026-11-01T00:00:00Z\", to: \"2026-11-03T00:00:00Z\" }"));
        List<Rec> base = where(recs, r -> r.t() < T0 + 2 * DAY);
        List<WindowResult> latency = run.of("core.latency");
        List<WindowResult> errors = run.of("core.error_rate");
        assertThat(latency).hasSize(5);
        for (int i = 0; i < latency.size(); i++) {
            assertBaseline(latency.get(i), errors.get(i), base);
        }
        // The degraded days differ significantly in mean latency; the baseline days do not.
        assertThat(latency.subList(0, 2)).allSatisfy(r -> assertThat(r.significant().get("mean")).isFalse());
        assertThat(latency.subList(2, 4)).allSatisfy(r -> {
            assertThat(r.significant().get("mean")).isTrue();
            assertThat(r.delta().get("mean")).isBetween(25.0, 35.0);
        });
        // core.count is descriptive: never compared.
        assertThat(run.of("core.count")).allSatisfy(r -> assertThat(r.baseline()).isEmpty());
        assertThat(run.stats("base").records()).isEqualTo(3000);
    }

    @Test
    void baselineFromAReferenceFile() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        List<Rec> recs = week(2);
        List<Rec> reference = Rec.random(new Random(3), 800, T0 - 30 * DAY, T0 - 20 * DAY, 100);
        h.write("in.jsonl", Rec.json(recs));
        List<String> refLines = new ArrayList<>(Rec.json(reference));
        refLines.add(3, "broken");
        h.write("ref/reference.jsonl", refLines);
        KernelHarness.Run run = h.run(monitor("{ file: ref/reference.jsonl }"));
        List<WindowResult> latency = run.of("core.latency");
        List<WindowResult> errors = run.of("core.error_rate");
        // Windows cover the monitored input only, not the reference's month.
        assertThat(latency).hasSize(5);
        assertThat(latency.get(0).windowStart().toEpochMilli()).isEqualTo(T0);
        for (int i = 0; i < latency.size(); i++) {
            assertBaseline(latency.get(i), errors.get(i), reference);
        }
        assertThat(run.stats("base").records()).isEqualTo(3000);
        assertThat(run.stats("base").deadLettered()).isEqualTo(1);
        assertThat(h.deadLetters("base").get(0).get("source")).isEqualTo(dir.resolve("ref/reference.jsonl").toString());
        assertThat(latency.get(3).significant().get("mean")).isTrue();
    }

    @Test
    void realtimeMonitorWithAReferenceFile() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        List<Rec> recs = Rec.random(new Random(6), 1000, T0, T0 + DAY, 100);
        List<Rec> reference = Rec.random(new Random(7), 300, T0 - 30 * DAY, T0 - 20 * DAY, 100);
        h.write("in.jsonl", Rec.json(recs));
        h.write("reference.jsonl", Rec.json(reference));
        KernelHarness.Run run = h.run(monitor("{ file: reference.jsonl }")
                .replace("    window: { size: 1d }", "    mode: realtime\n    window: { size: 6h, allowed-lateness: 1m }"));
        MonitorStats stats = run.stats("base");
        assertThat(stats.late()).isZero();
        assertThat(stats.records()).isEqualTo(1000);
        List<WindowResult> latency = run.of("core.latency");
        assertThat(latency).hasSize(4);
        assertThat(latency.stream().mapToLong(WindowResult::count).sum()).isEqualTo(1000);
        for (int i = 0; i < latency.size(); i++) {
            assertBaseline(latency.get(i), run.of("core.error_rate").get(i), reference);
        }
    }

    @Test
    void baselineFromThePreviousWindows() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        Random random = new Random(4);
        List<Rec> recs = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            recs.addAll(Rec.random(random, 300 + 50 * d, T0 + d * DAY, T0 + (d + 1) * DAY, 100 + 5 * d));
        }
        h.write("in.jsonl", Rec.json(recs));
        KernelHarness.Run run = h.run(monitor("{ previous: 2 }"));
        List<WindowResult> latency = run.of("core.latency", "window");
        List<WindowResult> errors = run.of("core.error_rate", "window");
        assertThat(latency).hasSize(5);
        assertThat(latency.get(0).baseline()).isEmpty();
        assertThat(errors.get(0).baseline()).isEmpty();
        for (int d = 1; d < 5; d++) {
            long from = T0 + Math.max(0, d - 2) * DAY;
            long to = T0 + d * DAY;
            assertBaseline(latency.get(d), errors.get(d), where(recs, r -> r.t() >= from && r.t() < to));
        }
        // A total has no "previous windows".
        assertThat(run.of("core.latency", "total").get(0).baseline()).isEmpty();
    }

    @Test
    void segmentsHaveTheirOwnBaselines() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        List<Rec> recs = Rec.random(new Random(5), 2000, T0, T0 + 2 * DAY, 100, "de", "fr");
        h.write("in.jsonl", Rec.json(recs));
        KernelHarness.Run run = h.run(monitor("{ from: \"2026-11-01T00:00:00Z\", to: \"2026-11-02T00:00:00Z\" }")
                .replace("    window:", "    segment-by: [/country]\n    window:"));
        for (WindowResult r : run.of("core.latency")) {
            String country = r.segment().get("country");
            List<Rec> base = where(recs, x -> x.country().equals(country) && x.t() < T0 + DAY);
            assertThat(r.baseline().get("mean")).isCloseTo(mean(base), within(1e-9));
        }
    }
}
