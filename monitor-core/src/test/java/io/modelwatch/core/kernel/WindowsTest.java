package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.Table;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tumbling and hopping windows from panes, and the static run's total, against direct counts. */
class WindowsTest {
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    private static String yaml(String window) {
        return """
                monitors:
                  - name: win
                    mode: static
                    source: { type: jsonl, path: in.jsonl }
                    fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                    %s
                    metrics:
                      - type: core.count
                      - type: test.probe
                """.formatted(window);
    }

    private static List<String> seen(WindowResult r) {
        Table t = r.tables().get("seen");
        List<String> out = new ArrayList<>();
        for (List<Object> row : t.rows()) {
            out.add((String) row.get(0));
        }
        return out;
    }

    @ParameterizedTest(name = "size {0}m slide {1}m: pane {2}m")
    @CsvSource({"10, 10, 10", "10, 5, 5", "15, 10, 5", "7, 3, 1", "60, 15, 15"})
    void everyWindowCountsExactlyTheRecordsItContains(long sizeMin, long slideMin, long paneMin) throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        // Records over 2 hours, plus some exactly on window boundaries.
        List<Rec> recs = new ArrayList<>(Rec.random(new Random(sizeMin * 31 + slideMin), 700, T0 + 3 * MINUTE, T0 + 123 * MINUTE, 100));
        for (long m = 10; m <= 120; m += 10) {
            recs.add(new Rec(T0 + m * MINUTE, "edge-" + m, 1, null, "de"));
        }
        recs.sort((a, b) -> Long.compare(a.t(), b.t()));
        h.write("in.jsonl", Rec.json(recs));
        String yaml = yaml("window: { size: %dm, slide: %dm }".formatted(sizeMin, slideMin));
        assertThat(h.plans(yaml).get(0).paneMillis()).isEqualTo(paneMin * MINUTE);

        KernelHarness.Run run = h.run(yaml);
        long size = sizeMin * MINUTE;
        long slide = slideMin * MINUTE;
        // Expected windows: every slide-aligned start whose window holds at least one record.
        TreeSet<Long> expectedStarts = new TreeSet<>();
        for (Rec r : recs) {
            for (long s = Math.floorDiv(r.t(), slide) * slide; s > r.t() - size; s -= slide) {
                expectedStarts.add(s);
            }
        }
        List<WindowResult> counts = run.of("core.count", "window");
        List<WindowResult> probes = run.of("test.probe", "window");
        assertThat(counts.stream().map(r -> r.windowStart().toEpochMilli()).toList())
                .containsExactlyElementsOf(expectedStarts);
        for (int i = 0; i < counts.size(); i++) {
            WindowResult c = counts.get(i);
            long start = c.windowStart().toEpochMilli();
            assertThat(c.windowEnd().toEpochMilli()).isEqualTo(start + size);
            List<String> expectedIds = recs.stream().filter(r -> r.t() >= start && r.t() < start + size)
                    .map(r -> r.id() + "@" + r.t() + "{}").sorted().toList();
            assertThat(c.count()).as("window at %s", c.windowStart()).isEqualTo(expectedIds.size());
            assertThat(c.values().get("count")).isEqualTo((double) expectedIds.size());
            // Each record once per window that contains it, and nowhere else.
            assertThat(seen(probes.get(i))).isEqualTo(expectedIds);
        }
        // The static total comes after the windows, once, over everything.
        List<WindowResult> total = run.of("core.count", "total");
        assertThat(total).hasSize(1);
        assertThat(total.get(0).count()).isEqualTo(recs.size());
        assertThat(total.get(0).windowStart().toEpochMilli()).isEqualTo(recs.get(0).t());
        assertThat(total.get(0).windowEnd().toEpochMilli()).isEqualTo(recs.get(recs.size() - 1).t() + 1);
        assertThat(run.windows().get(run.windows().size() - 1).get(0).scope()).isEqualTo("total");
        assertThat(run.stats("win").records()).isEqualTo(recs.size());
        assertThat(run.stats("win").deadLettered()).isZero();
    }

    @Test
    void staticWithoutWindowGivesOnlyTheTotal() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        List<Rec> recs = Rec.random(new Random(3), 500, T0, T0 + 86_400_000L * 3, 100);
        h.write("in.jsonl", Rec.json(recs));
        KernelHarness.Run run = h.run(yaml(""));
        assertThat(run.windows()).hasSize(1);
        WindowResult total = run.of("core.count").get(0);
        assertThat(total.scope()).isEqualTo("total");
        assertThat(total.count()).isEqualTo(500);
        assertThat(total.windowStart()).isEqualTo(Instant.ofEpochMilli(recs.get(0).t()));
        assertThat(seen(run.of("test.probe").get(0))).hasSize(500).doesNotHaveDuplicates();
    }

    @Test
    void epochSecondsTimesInARun() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        List<String> lines = new ArrayList<>();
        // 90 records, one every 20 s from T0: 30 per 10-minute window; times as epoch seconds with a fraction.
        for (int i = 0; i < 90; i++) {
            lines.add("{\"ts\":" + (T0 / 1000 + 20L * i) + ".5,\"request_id\":\"s" + i + "\"}");
        }
        h.write("in.jsonl", lines);
        KernelHarness.Run run = h.run(yaml("window: { size: 10m }").replace("path: in.jsonl }",
                "path: in.jsonl, time-format: epoch-seconds }"));
        assertThat(run.of("core.count", "window")).extracting(WindowResult::count).containsExactly(30L, 30L, 30L);
        assertThat(run.of("core.count", "total").get(0).windowStart().toEpochMilli()).isEqualTo(T0 + 500);
    }

    @Test
    void outOfOrderInputInStaticModeLandsInTheRightWindows() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        List<Rec> recs = new ArrayList<>(Rec.random(new Random(4), 300, T0, T0 + 60 * MINUTE, 100));
        java.util.Collections.shuffle(recs, new Random(5));
        h.write("in.jsonl", Rec.json(recs));
        KernelHarness.Run run = h.run(yaml("window: { size: 20m }"));
        List<WindowResult> w = run.of("core.count", "window");
        assertThat(w).hasSize(3);
        for (WindowResult r : w) {
            long s = r.windowStart().toEpochMilli();
            assertThat(r.count()).isEqualTo(recs.stream().filter(x -> x.t() >= s && x.t() < s + 20 * MINUTE).count());
        }
    }
}
