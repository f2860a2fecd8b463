package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.Table;
import io.modelwatch.core.source.JsonlSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Realtime watermarks and late records; periodic ticks driven by an injected clock. */
class RealtimeAndPeriodicTest {
    private static final long SEC = 1000L;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    @TempDir
    Path dir;

    private static String line(String id, long t) {
        return new Rec(t, id, 10, null, "de").json();
    }

    private static String realtime(String window) {
        return """
                monitors:
                  - name: rt
                    mode: realtime
                    source: { path: in.jsonl }
                    fields: { time: /ts, id: /request_id }
                    window: %s
                    metrics: [ { type: core.count }, { type: test.probe } ]
                """.formatted(window);
    }

    private static List<String> ids(WindowResult r) {
        Table t = r.tables().get("seen");
        List<String> out = new ArrayList<>();
        for (List<Object> row : t.rows()) {
            String s = (String) row.get(0);
            out.add(s.substring(0, s.indexOf('@')));
        }
        return out;
    }

    private static List<String> windows(KernelHarness.Run run) {
        return run.of("test.probe").stream().map(r -> (r.windowStart().toEpochMilli() - T0) / SEC + "s-"
                + (r.windowEnd().toEpochMilli() - T0) / SEC + "s:" + ids(r)).toList();
    }

    @Test
    void watermarkClosesWindowsInOrderAndLateRecordsAreDeadLettered() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        List<String> lines = List.of(
                line("a", T0 + 10 * SEC),
                line("b", T0 + 20 * SEC),
                line("c", T0 + 65 * SEC),   // watermark 1:05 closes [0:00, 1:00)
                line("d", T0 + 30 * SEC),   // late: its only window is closed
                line("e", T0 + 150 * SEC),  // closes [1:00, 2:00)
                line("f", T0 + 119 * SEC),  // late
                line("g", T0 + 160 * SEC));
        h.write("in.jsonl", lines);
        KernelHarness.Run run = h.run(realtime("{ size: 1m }"));
        assertThat(windows(run)).containsExactly("0s-60s:[a, b]", "60s-120s:[c]", "120s-180s:[e, g]");
        assertThat(run.of("core.count").stream().map(WindowResult::count).toList()).containsExactly(2L, 1L, 2L);
        MonitorStats stats = run.stats("rt");
        assertThat(stats.records()).isEqualTo(5);
        assertThat(stats.late()).isEqualTo(2);
        assertThat(stats.deadLettered()).isEqualTo(2);
        List<Map<String, Object>> dead = h.deadLetters("rt");
        assertThat(dead).extracting(m -> m.get("reason")).containsExactly("late", "late");
        assertThat(dead).extracting(m -> m.get("line")).containsExactly(4, 6);
        assertThat(dead).extracting(m -> m.get("raw")).containsExactly(lines.get(3), lines.get(5));
    }

    @Test
    void allowedLatenessKeepsWindowsOpen() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        h.write("in.jsonl", List.of(
                line("a", T0 + 10 * SEC),
                line("b", T0 + 80 * SEC),   // watermark 0:50: nothing closes
                line("c", T0 + 40 * SEC),   // still on time
                line("d", T0 + 91 * SEC),   // watermark 1:01 closes [0:00, 1:00)
                line("e", T0 + 55 * SEC),   // late
                line("f", T0 + 60 * SEC))); // on time for [1:00, 2:00)
        KernelHarness.Run run = h.run(realtime("{ size: 1m, allowed-lateness: 30s }"));
        assertThat(windows(run)).containsExactly("0s-60s:[a, c]", "60s-120s:[b, d, f]");
        assertThat(run.stats("rt").late()).isEqualTo(1);
        assertThat(h.deadLetters("rt")).extracting(m -> m.get("line")).containsExactly(5);
    }

    @Test
    void hoppingRealtimeWindowsAddAPartlyLateRecordToItsOpenWindowsOnly() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        h.write("in.jsonl", List.of(
                line("a", T0 + 30 * SEC),
                line("b", T0 + 90 * SEC),
                line("c", T0 + 150 * SEC),  // watermark 2:30 closes [-1:00, 1:00) and [0:00, 2:00)
                line("d", T0 + 45 * SEC),   // late: both its windows are closed
                line("e", T0 + 105 * SEC))); // [0:00, 2:00) is closed, [1:00, 3:00) is not
        KernelHarness.Run run = h.run(realtime("{ size: 2m, slide: 1m }"));
        assertThat(windows(run)).containsExactly("-60s-60s:[a]", "0s-120s:[a, b]", "60s-180s:[b, c, e]", "120s-240s:[c]");
        assertThat(run.stats("rt").late()).isEqualTo(1);
    }

    @Test
    void manyRecordsInRandomOrderWithinTheLatenessAreCountedExactly() throws Exception {
        KernelHarness h = new KernelHarness(dir);
        Random random = new Random(11);
        List<Rec> recs = Rec.random(random, 5000, T0, T0 + 2 * HOUR, 100);
        // Jitter the order by up to 30 s of event time; allowed lateness 1 minute covers it.
        List<Rec> jittered = new ArrayList<>(recs);
        jittered.sort((x, y) -> Long.compare(x.t() + (x.id().hashCode() % 30_000), y.t() + (y.id().hashCode() % 30_000)));
        h.write("in.jsonl", Rec.json(jittered));
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: rt
                    mode: realtime
                    source: { path: in.jsonl }
                    fields: { time: /ts, id: /request_id }
                    window: { size: 10m, allowed-lateness: 1m }
                    metrics: [ { type: core.count } ]
                """);
        assertThat(run.stats("rt").late()).isZero();
        List<WindowResult> w = run.of("core.count");
        assertThat(w).hasSize(12);
        for (int i = 0; i < w.size(); i++) {
            long s = w.get(i).windowStart().toEpochMilli();
            assertThat(s).isEqualTo(T0 + i * 10 * MINUTE);
            assertThat(w.get(i).count()).isEqualTo(recs.stream().filter(r -> r.t() >= s && r.t() < s + 10 * MINUTE).count());
        }
    }

    // ---- periodic ----

    /**
     * Runs a periodic monitor on a followed file: the file starts with hour 0's records; each
     * time the reader waits, the clock moves one hour and the next hour's records are appended;
     * after {@code hours} hours the engine is stopped.
     */
    private KernelHarness.Run periodic(String window, String schedule, List<List<Rec>> byHour) throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        Path file = h.write("in.jsonl", Rec.json(byHour.get(0)));
        MutableClock clock = new MutableClock(T0 + HOUR);
        AtomicReference<Engine> engine = new AtomicReference<>();
        AtomicInteger step = new AtomicInteger();
        JsonlSource.Waiter waiter = d -> {
            int i = step.incrementAndGet();
            if (i < byHour.size()) {
                clock.advance(Duration.ofHours(1));
                KernelHarness.append(file, Rec.json(byHour.get(i)));
            } else if (i == byHour.size()) {
                clock.advance(Duration.ofHours(1));
            } else {
                engine.get().stop();
            }
        };
        engine.set(new Engine(clock, dir.resolve("data"), 1, waiter));
        return KernelHarness.run(h.plans("""
                monitors:
                  - name: per
                    mode: periodic
                    schedule: %s
                    source: { path: in.jsonl, follow: true }
                    fields: { time: /ts, id: /request_id }
                    window: %s
                    metrics: [ { type: core.count }, { type: test.probe } ]
                """.formatted(schedule, window)), engine.get());
    }

    private static List<List<Rec>> hours(int n) {
        Random random = new Random(5);
        List<List<Rec>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Rec.random(random, 50 + 10 * i, T0 + i * HOUR, T0 + (i + 1) * HOUR, 100));
        }
        return out;
    }

    private static long countIn(List<List<Rec>> byHour, long from, long to) {
        return byHour.stream().flatMap(List::stream).filter(r -> r.t() >= from && r.t() < to).count();
    }

    @Test
    void periodicTicksEvaluateTheLastWindowSize() throws Exception {
        List<List<Rec>> byHour = hours(4);
        KernelHarness.Run run = periodic("{ size: 1h }", "every 1h", byHour);
        // The clock starts at T0+1h; ticks at T0+2h, +3h, +4h each evaluate the hour before.
        List<WindowResult> w = run.of("core.count");
        assertThat(w).extracting(r -> (r.windowStart().toEpochMilli() - T0) / HOUR).containsExactly(1L, 2L, 3L);
        for (WindowResult r : w) {
            assertThat(r.windowEnd().toEpochMilli() - r.windowStart().toEpochMilli()).isEqualTo(HOUR);
            assertThat(r.count()).isEqualTo(countIn(byHour, r.windowStart().toEpochMilli(), r.windowEnd().toEpochMilli()));
        }
    }

    @Test
    void periodicWithAHoppingWindowLongerThanThePeriod() throws Exception {
        List<List<Rec>> byHour = hours(4);
        KernelHarness.Run run = periodic("{ size: 2h, slide: 1h }", "every 1h", byHour);
        // Ticks at T0+2h..+5h: the last two hours each time.
        List<WindowResult> w = run.of("core.count");
        assertThat(w).extracting(r -> (r.windowStart().toEpochMilli() - T0) / HOUR).containsExactly(0L, 1L, 2L, 3L);
        for (WindowResult r : w) {
            assertThat(r.count()).isEqualTo(countIn(byHour, r.windowStart().toEpochMilli(), r.windowEnd().toEpochMilli()));
        }
    }

    @Test
    void periodicKeepsThePanesTheNextTickNeeds() throws Exception {
        // Pane gcd(3h, 2h) = 1h, schedule every hour: each tick's window overlaps the last by 2 hours.
        List<List<Rec>> byHour = hours(5);
        KernelHarness.Run run = periodic("{ size: 3h, slide: 2h }", "every 1h", byHour);
        List<WindowResult> w = run.of("core.count");
        assertThat(w).extracting(r -> (r.windowStart().toEpochMilli() - T0) / HOUR).containsExactly(-1L, 0L, 1L, 2L, 3L);
        for (WindowResult r : w) {
            assertThat(r.count()).as("window at %s", r.windowStart())
                    .isEqualTo(countIn(byHour, r.windowStart().toEpochMilli(), r.windowEnd().toEpochMilli()));
        }
    }

    @Test
    void periodicWithATumblingWindowLongerThanThePeriod() throws Exception {
        List<List<Rec>> byHour = hours(4);
        KernelHarness.Run run = periodic("{ size: 2h }", "every 1h", byHour);
        List<WindowResult> w = run.of("core.count");
        assertThat(w).extracting(r -> (r.windowStart().toEpochMilli() - T0) / HOUR).containsExactly(0L, 1L, 2L, 3L);
        for (WindowResult r : w) {
            assertThat(r.count()).isEqualTo(countIn(byHour, r.windowStart().toEpochMilli(), r.windowEnd().toEpochMilli()));
        }
    }
}
