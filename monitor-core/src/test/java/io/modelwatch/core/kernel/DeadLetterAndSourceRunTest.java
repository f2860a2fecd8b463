package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.core.source.JsonlSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad lines go to the dead-letter file; gzip, globs and followed files feed a run. */
class DeadLetterAndSourceRunTest {
    @TempDir
    Path dir;

    private static String yaml(String name, String source) {
        return """
                monitors:
                  - name: %s
                    source: %s
                    fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                    metrics:
                      - type: core.count
                      - { type: core.latency, params: { field: latency } }
                """.formatted(name, source);
    }

    @Test
    void badLinesAreDeadLetteredWithSourceLineReasonAndRawAndTheRunGoesOn() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        List<String> lines = List.of(
                new Rec(T0, "a", 10, null, "de").json(),
                "{\"ts\":\"2026-11-01T00:00:01Z\",",
                "",
                "{\"request_id\":\"no-time\"}",
                "{\"ts\":\"yesterday\",\"request_id\":\"x\"}",
                "[1,2,3]",
                "{\"ts\":null}",
                "{\"ts\":\"2026-11-01T00:00:02Z\",\"latency_ms\":\"fast\"}",
                new Rec(T0 + 5000, "b", 30, null, "de").json());
        Path in = h.write("logs/in.jsonl", lines);
        KernelHarness.Run run = h.run(yaml("bad", "{ path: logs/in.jsonl }"));

        MonitorStats stats = run.stats("bad");
        assertThat(stats.records()).isEqualTo(3);
        assertThat(stats.deadLettered()).isEqualTo(5);
        assertThat(stats.late()).isZero();
        assertThat(stats.deadLetterFile()).isEqualTo(dir.resolve("data/deadletter/bad.jsonl"));
        List<Map<String, Object>> dead = h.deadLetters("bad");
        assertThat(dead).extracting(m -> m.get("line")).containsExactly(2, 4, 5, 6, 7);
        assertThat((String) dead.get(0).get("reason")).startsWith("invalid JSON: Unexpected end-of-input");
        assertThat(dead.subList(1, 5)).extracting(m -> m.get("reason")).containsExactly(
                "missing time field", "unparsable time 'yesterday'", "not a JSON object", "time field is null");
        assertThat(dead).extracting(m -> m.get("raw")).containsExactly(lines.get(1), lines.get(3), lines.get(4),
                lines.get(5), lines.get(6));
        assertThat(dead).allSatisfy(m -> {
            assertThat(m.get("source")).isEqualTo(in.toString());
            assertThat(m.get("monitor")).isEqualTo("bad");
        });
        // A value of the wrong type is not a bad line: the metric rejects it and counts it.
        WindowResult latency = run.of("core.latency").get(0);
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.rejected()).isEqualTo(1);
        assertThat(latency.values().get("mean")).isEqualTo(20.0);
        assertThat(run.of("core.count").get(0).count()).isEqualTo(3);
    }

    @Test
    void aCleanRunWritesNoDeadLetterFile() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        h.write("in.jsonl", Rec.json(Rec.random(new Random(1), 10, T0, T0 + 1000, 50)));
        KernelHarness.Run run = h.run(yaml("clean", "{ path: in.jsonl }"));
        assertThat(run.stats("clean").deadLettered()).isZero();
        assertThat(Files.exists(dir.resolve("data/deadletter/clean.jsonl"))).isFalse();
    }

    @Test
    void aMissingSourceFailsTheRunNamingMonitorAndPath() {
        KernelHarness h = new KernelHarness(dir);
        assertThatThrownBy(() -> h.run(yaml("gone", "{ path: nowhere.jsonl }")))
                .isInstanceOf(MonitorFailedException.class)
                .hasMessageContaining("monitor 'gone'")
                .hasMessageContaining("nowhere.jsonl");
    }

    private static void gzip(Path p, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void globOfPlainAndGzipFilesIsReadInNameOrder() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        Random random = new Random(2);
        List<Rec> day1 = Rec.random(random, 120, T0, T0 + 86_400_000L, 100);
        List<Rec> day2 = Rec.random(random, 80, T0 + 86_400_000L, T0 + 2 * 86_400_000L, 100);
        List<Rec> day3 = Rec.random(random, 40, T0 + 2 * 86_400_000L, T0 + 3 * 86_400_000L, 100);
        Files.createDirectories(dir.resolve("logs"));
        gzip(dir.resolve("logs/day1.jsonl.gz"), Rec.json(day1));
        h.write("logs/day2.jsonl", Rec.json(day2));
        List<String> third = new ArrayList<>(Rec.json(day3));
        third.add(5, "oops");
        gzip(dir.resolve("logs/day3.jsonl.gz"), third);
        h.write("logs/notes.txt", List.of("not matched"));
        KernelHarness.Run run = h.run(yaml("glob", "{ path: \"logs/day*.jsonl*\" }").replace("metrics:",
                "window: { size: 1d }\n    metrics:"));
        assertThat(run.of("core.count", "window")).extracting(WindowResult::count).containsExactly(120L, 80L, 40L);
        assertThat(run.of("core.count", "total").get(0).count()).isEqualTo(240);
        List<Map<String, Object>> dead = h.deadLetters("glob");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("source")).isEqualTo(dir.resolve("logs/day3.jsonl.gz").toString());
        assertThat(dead.get(0).get("line")).isEqualTo(6);
    }

    /**
     * A followed file: the waiter, called whenever the reader has caught up, appends the next
     * chunk (sometimes ending mid-line), rotates the file by renaming it and starting a new one,
     * or truncates it, and finally stops the engine.
     */
    @Test
    void followedFileSurvivesAppendsRotationAndTruncation() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        Random random = new Random(3);
        List<Rec> all = Rec.random(random, 600, T0, T0 + 6 * 3_600_000L, 100);
        List<String> json = Rec.json(all);
        Path file = h.write("live/app.jsonl", json.subList(0, 100));
        AtomicReference<Engine> engine = new AtomicReference<>();
        AtomicInteger step = new AtomicInteger();
        JsonlSource.Waiter waiter = d -> {
            try {
                switch (step.incrementAndGet()) {
                    case 1 -> KernelHarness.append(file, json.subList(100, 200));
                    case 2 -> {
                        // Half a line first: it must wait for its newline.
                        String next = String.join("\n", json.subList(200, 250)) + "\n" + json.get(250).substring(0, 20);
                        Files.writeString(file, next, java.nio.file.StandardOpenOption.APPEND);
                    }
                    case 3 -> Files.writeString(file, json.get(250).substring(20) + "\n", java.nio.file.StandardOpenOption.APPEND);
                    case 4 -> {
                        // Rotation: the old file moves away with lines it still has unread, a new file starts.
                        KernelHarness.append(file, json.subList(251, 300));
                        Files.move(file, file.resolveSibling("app.jsonl.1"), StandardCopyOption.ATOMIC_MOVE);
                        h.write("live/app.jsonl", json.subList(300, 400));
                    }
                    case 5 -> KernelHarness.append(file, json.subList(400, 450));
                    case 6 -> // Truncation in place (copytruncate), then fewer bytes than before.
                            h.write("live/app.jsonl", json.subList(450, 500));
                    case 7 -> KernelHarness.append(file, json.subList(500, 600));
                    default -> engine.get().stop();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        engine.set(new Engine(KernelHarness.FIXED, dir.resolve("data"), 1, waiter));
        KernelHarness.Run run = KernelHarness.run(h.plans(yaml("tail",
                "{ path: live/app.jsonl, follow: true, poll-interval: 10ms }")), engine.get());
        assertThat(run.stats("tail").deadLettered()).isZero();
        assertThat(run.stats("tail").records()).isEqualTo(600);
        WindowResult latency = run.of("core.latency", "total").get(0);
        assertThat(latency.count()).isEqualTo(600);
        assertThat(latency.values().get("max")).isEqualTo(all.stream().mapToDouble(Rec::latency).max().orElseThrow());
        assertThat(step.get()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void followNeedsExactlyOneFile() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        h.write("a/1.jsonl", List.of());
        h.write("a/2.jsonl", List.of());
        assertThatThrownBy(() -> h.run(yaml("two", "{ path: \"a/*.jsonl\", follow: true }"), 1, KernelHarness.FIXED,
                d -> { }))
                .isInstanceOf(MonitorFailedException.class)
                .hasMessageContaining("follow: true needs exactly one file")
                .hasMessageContaining("matches 2");
    }

    @Test
    void stopBeforeStartEvaluatesNothingAndReturns() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        h.write("in.jsonl", Rec.json(Rec.random(new Random(1), 10, T0, T0 + 1000, 50)));
        Engine engine = new Engine(KernelHarness.FIXED, dir.resolve("data"), 1, d -> { });
        engine.stop();
        KernelHarness.Run run = KernelHarness.run(h.plans(yaml("stopped", "{ path: in.jsonl, follow: true }")), engine);
        assertThat(run.stats("stopped").records()).isZero();
    }
}
