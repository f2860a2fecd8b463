package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Segments with overflow into {@code __other__}, and shard counts that must not change results. */
class SegmentsAndShardsTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void segmentsBeyondMaxSegmentsGoToOther() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        List<Rec> recs = Rec.random(new Random(8), 1000, T0, T0 + 4 * HOUR, 100, "de", "fr", "it", "es", "pl");
        h.write("in.jsonl", Rec.json(recs));
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: seg
                    source: { path: in.jsonl }
                    fields: { time: /ts, id: /request_id, latency: /latency_ms }
                    segment-by: [/country]
                    max-segments: 2
                    metrics: [ { type: core.count }, { type: test.probe } ]
                """);
        // The first two countries seen keep their own segment.
        Set<String> own = new LinkedHashSet<>();
        for (Rec r : recs) {
            if (own.size() < 2) {
                own.add(r.country());
            }
        }
        List<WindowResult> totals = run.of("core.count", "total");
        assertThat(totals).hasSize(3);
        for (WindowResult t : totals) {
            String label = t.segment().get("country");
            long expected = recs.stream().filter(r -> label.equals("__other__") ? !own.contains(r.country())
                    : r.country().equals(label)).count();
            assertThat(t.count()).as(label).isEqualTo(expected);
        }
        assertThat(totals).extracting(t -> t.segment().get("country")).containsExactlyInAnyOrder(
                own.toArray(new String[0])[0], own.toArray(new String[0])[1], "__other__");
        // Metrics see the record's segment labels.
        for (WindowResult p : run.of("test.probe")) {
            Table seen = p.tables().get("seen");
            assertThat(seen.rows()).allSatisfy(row -> assertThat((String) row.get(0)).endsWith(p.segment().toString()));
        }
    }

    @Test
    void missingSegmentValueIsItsOwnEmptySegment() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        h.write("in.jsonl", List.of(
                "{\"ts\":\"2026-11-01T00:00:00Z\",\"country\":\"de\"}",
                "{\"ts\":\"2026-11-01T00:00:01Z\"}",
                "{\"ts\":\"2026-11-01T00:00:02Z\",\"country\":null}",
                "{\"ts\":\"2026-11-01T00:00:03Z\",\"country\":7}"));
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: seg
                    source: { path: in.jsonl }
                    fields: { time: /ts }
                    segment-by: [/country]
                    metrics: [ { type: core.count } ]
                """);
        assertThat(run.of("core.count")).extracting(r -> r.segment().get("country") + "=" + r.count())
                .containsExactlyInAnyOrder("de=1", "=2", "7=1");
    }

    @Test
    void segmentLabelsKeepTheSegmentByOrder() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        List<String> lines = new ArrayList<>();
        String[] zs = {"z1", "z2"};
        String[] as = {"a1", "a2"};
        for (int i = 0; i < 40; i++) {
            lines.add("{\"ts\":" + (T0 + i) + ",\"request_id\":\"r" + i + "\",\"zone\":\"" + zs[i % 2]
                    + "\",\"meta\":{\"app\":\"" + as[(i / 2) % 2] + "\"}}");
        }
        h.write("in.jsonl", lines);
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: seg2
                    source: { path: in.jsonl }
                    fields: { time: /ts, id: /request_id }
                    segment-by: [/zone, /meta/app]
                    metrics: [ { type: core.count }, { type: test.probe } ]
                """);
        List<WindowResult> counts = run.of("core.count");
        assertThat(counts).hasSize(4).allSatisfy(r -> {
            assertThat(r.segment().keySet()).containsExactly("zone", "app");
            assertThat(r.count()).isEqualTo(10);
        });
        // Sorted by segment in the report, and every run the same.
        assertThat(counts).extracting(r -> r.segment().toString())
                .containsExactly("{zone=z1, app=a1}", "{zone=z1, app=a2}", "{zone=z2, app=a1}", "{zone=z2, app=a2}");
        for (WindowResult p : run.of("test.probe")) {
            assertThat(p.tables().get("seen").rows()).allSatisfy(row ->
                    assertThat((String) row.get(0)).endsWith(p.segment().toString()));
        }
    }

    private static String richYaml(String mode, String window) {
        return """
                monitors:
                  - name: shards
                    mode: %s
                    source: { path: in.jsonl }
                    fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                    segment-by: [/country]
                    window: %s
                    baseline: { from: "2026-11-01T00:00:00Z", to: "2026-11-01T06:00:00Z" }
                    metrics:
                      - type: core.count
                      - { type: core.latency, params: { field: latency, k: 8000 } }
                      - { type: core.error_rate, params: { field: failed } }
                      - type: core.throughput
                  - name: shards-prev
                    mode: %s
                    source: { path: in.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    segment-by: [/country]
                    window: %s
                    baseline: { previous: 2 }
                    intervals: { method: bootstrap, groups: 16 }
                    metrics:
                      - { type: core.latency, params: { field: latency, k: 8000 } }
                """.formatted(mode, window, mode, window);
    }

    /**
     * Shards partition segments, so every state sees the same records in the same groups whatever
     * the shard count. core.latency runs with a large k: DataSketches' KLL compacts with an
     * unseeded static Random, so its quantiles on more than about k values differ from run to
     * run even with one shard; below k they are exact and reproducible.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"static", "realtime"})
    void twoAndThreeShardsGiveTheSameResultsAsOne(String mode) throws Exception {
        KernelHarness h = new KernelHarness(dir);
        Random random = new Random(21);
        List<Rec> recs = new ArrayList<>();
        // Segments start and end at different times, so per-shard bookkeeping would show.
        recs.addAll(Rec.random(random, 3000, T0, T0 + 24 * HOUR, 100, "de", "fr"));
        recs.addAll(Rec.random(random, 500, T0 + 5 * HOUR, T0 + 9 * HOUR, 130, "it"));
        recs.addAll(Rec.random(random, 500, T0 + 13 * HOUR, T0 + 20 * HOUR, 90, "es", "pl", "nl"));
        recs.sort((a, b) -> Long.compare(a.t(), b.t()));
        h.write("in.jsonl", Rec.json(recs));
        String yaml = richYaml(mode, "{ size: 4h, slide: 2h }");
        KernelHarness.Run one = h.run(yaml, 1, KernelHarness.FIXED, d -> { });
        KernelHarness.Run two = h.run(yaml, 2, KernelHarness.FIXED, d -> { });
        KernelHarness.Run three = h.run(yaml, 3, KernelHarness.FIXED, d -> { });
        List<String> expected = sortedIfRealtime(one, mode);
        assertThat(expected).hasSizeGreaterThan(100);
        assertSame(expected, sortedIfRealtime(two, mode), "2 shards");
        assertSame(expected, sortedIfRealtime(three, mode), "3 shards");
        assertThat(two.stats()).isEqualTo(one.stats());
    }

    private static void assertSame(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String a = actual.get(i);
            String e = expected.get(i);
            int d = 0;
            while (d < Math.min(a.length(), e.length()) && a.charAt(d) == e.charAt(d)) {
                d++;
            }
            assertThat(a).as("%s, result %d differs from character %d: expected ...%s but was ...%s", what, i, d,
                    e.substring(Math.max(0, d - 80)), a.substring(Math.max(0, d - 80))).isEqualTo(e);
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
    }

    /** Realtime results arrive as shards close windows, so their interleaving across segments may differ. */
    private static List<String> sortedIfRealtime(KernelHarness.Run run, String mode) {
        return mode.equals("static") ? run.rendered() : run.rendered().stream().sorted().toList();
    }

    @Test
    void resultsDoNotDependOnTheReadersBatching() throws Exception {
        // More records than a batch (256) in each of several segments, unsegmented totals over them agree.
        KernelHarness h = new KernelHarness(dir);
        List<Rec> recs = Rec.random(new Random(22), 2000, T0, T0 + 2 * HOUR, 100, "a", "b", "c", "d", "e", "f", "g");
        h.write("in.jsonl", Rec.json(recs));
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: all
                    source: { path: in.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                  - name: split
                    source: { path: in.jsonl }
                    fields: { time: /ts }
                    segment-by: [/country]
                    metrics: [ { type: core.count } ]
                """, 4, KernelHarness.FIXED, d -> { });
        long sum = run.windows().stream().flatMap(List::stream).filter(r -> r.monitor().equals("split"))
                .mapToLong(WindowResult::count).sum();
        assertThat(sum).isEqualTo(2000);
        assertThat(run.of("core.count").stream().filter(r -> r.monitor().equals("all")).findFirst().orElseThrow().count())
                .isEqualTo(2000);
        Map<String, Long> bySegment = new java.util.TreeMap<>();
        run.windows().stream().flatMap(List::stream).filter(r -> r.monitor().equals("split"))
                .forEach(r -> bySegment.put(r.segment().get("country"), r.count()));
        for (Map.Entry<String, Long> e : bySegment.entrySet()) {
            assertThat(e.getValue()).isEqualTo(recs.stream().filter(r -> r.country().equals(e.getKey())).count());
        }
    }
}
