package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints: a run resumed from any checkpoint an earlier run wrote ends with exactly the
 * results, dead letters and counts of a run that was never interrupted (each record counted
 * once), and checkpoints that do not fit the configuration or the plugins are ignored or refused.
 */
class CheckpointRestoreTest {
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    /** A checkpoint store in memory that also keeps every checkpoint ever saved. */
    static final class RecordingStore implements CheckpointStore {
        final Map<String, byte[]> current = new ConcurrentHashMap<>();
        final List<byte[]> saved = new ArrayList<>();

        @Override
        public synchronized void save(String monitor, String fingerprint, byte[] data) {
            current.put(monitor, data.clone());
            saved.add(data.clone());
        }

        @Override
        public Optional<byte[]> load(String monitor) {
            return Optional.ofNullable(current.get(monitor));
        }

        @Override
        public void delete(String monitor) {
            current.remove(monitor);
        }
    }

    /** A clock one millisecond later at every read, so a 1 ms checkpoint interval checkpoints at every chance. */
    static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-10T00:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long millis() {
            return millis.incrementAndGet();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }

    private static String yaml(String mode) {
        // No id field: records are assigned to interval groups round-robin, so the checkpoint must carry the counter.
        return """
                monitors:
                  - name: cp
                    mode: %s
                    source: { type: jsonl, path: in.jsonl }
                    fields: { time: /ts, latency: /latency_ms, failed: /error }
                    segment-by: [/country]
                    window: { size: 1h, slide: 30m }
                    baseline: { from: "2026-11-01T00:00:00Z", to: "2026-11-01T02:00:00Z" }
                    metrics:
                      - type: core.count
                      - type: core.error_rate
                      - type: core.throughput
                      - type: test.probe
                """.formatted(mode);
    }

    /** 6,000 records over 10 hours in three countries, with a bad line every 97 records. */
    private void writeInput(KernelHarness h) {
        List<Rec> recs = Rec.random(new Random(42), 6000, T0, T0 + 600 * MINUTE, 50, "de", "fr", "it");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < recs.size(); i++) {
            lines.add(recs.get(i).json());
            if (i % 97 == 0) {
                lines.add(i % 2 == 0 ? "{not json" : "{\"latency_ms\": 3}");
            }
        }
        h.write("in.jsonl", lines);
    }

    private Path deadLetterFile() {
        return dir.resolve("data").resolve("deadletter").resolve("cp.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"static", "realtime"})
    void aRunResumedFromAnyCheckpointEndsAsTheUninterruptedRun(String mode) throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        writeInput(h);
        List<MonitorPlan> plans = h.plans(yaml(mode));
        KernelHarness.Run plain = h.run(yaml(mode));
        String plainDeadLetters = Files.readString(deadLetterFile(), StandardCharsets.UTF_8);

        RecordingStore store = new RecordingStore();
        Engine checkpointing = new Engine(new TickingClock(), dir.resolve("data"), 1, d -> {
            throw new AssertionError("must not wait");
        }).checkpointTo(store, Duration.ofMillis(1), false);
        KernelHarness.Run withCheckpoints = KernelHarness.run(plans, checkpointing);
        assertThat(withCheckpoints.rendered()).isEqualTo(plain.rendered());
        assertThat(store.saved).hasSizeGreaterThanOrEqualTo(5);
        assertThat(store.current).as("a finished monitor deletes its checkpoint").isEmpty();

        int resumed = 0;
        for (byte[] checkpoint : store.saved) {
            MonitorCheckpoint cp = MonitorCheckpoint.decode(checkpoint, "cp");
            RecordingStore one = new RecordingStore();
            one.current.put("cp", checkpoint);
            // The dead-letter file holds what the interrupted run wrote, more than at its checkpoint.
            Files.writeString(deadLetterFile(), plainDeadLetters, StandardCharsets.UTF_8);
            Engine restart = new Engine(KernelHarness.FIXED, dir.resolve("data"), 1, d -> {
                throw new AssertionError("must not wait");
            }).checkpointTo(one, Duration.ofHours(1), false);
            KernelHarness.Run rest = KernelHarness.run(h.plans(yaml(mode)), restart);
            List<String> whole = new ArrayList<>();
            if (mode.equals("realtime")) {
                // Windows evaluated before the checkpoint were delivered by the interrupted run.
                whole.addAll(plain.rendered().subList(0, countResults(plain, cp.windows())));
            }
            whole.addAll(rest.rendered());
            assertThat(whole).as("resumed from the checkpoint after %d records", cp.records()).isEqualTo(plain.rendered());
            assertThat(rest.stats("cp").records()).isEqualTo(plain.stats("cp").records());
            assertThat(rest.stats("cp").deadLettered()).isEqualTo(plain.stats("cp").deadLettered());
            assertThat(Files.readString(deadLetterFile(), StandardCharsets.UTF_8)).isEqualTo(plainDeadLetters);
            assertThat(one.current).isEmpty();
            resumed++;
        }
        assertThat(resumed).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aCheckpointOfThreeShardsRestoresIntoTwo() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        writeInput(h);
        KernelHarness.Run plain = h.run(yaml("static"));
        RecordingStore store = new RecordingStore();
        KernelHarness.Run three = KernelHarness.run(h.plans(yaml("static")), new Engine(new TickingClock(),
                dir.resolve("data"), 3, d -> { }).checkpointTo(store, Duration.ofMillis(1), false));
        assertThat(three.rendered()).isEqualTo(plain.rendered());
        byte[] middle = store.saved.get(store.saved.size() / 2);
        assertThat(MonitorCheckpoint.decode(middle, "cp").segmentKeys()).hasSize(3);
        RecordingStore one = new RecordingStore();
        one.current.put("cp", middle);
        KernelHarness.Run two = KernelHarness.run(h.plans(yaml("static")), new Engine(KernelHarness.FIXED,
                dir.resolve("data"), 2, d -> { }).checkpointTo(one, Duration.ofHours(1), false));
        assertThat(two.rendered()).isEqualTo(plain.rendered());
        assertThat(two.stats("cp").records()).isEqualTo(6000);
    }

    /** Returns how many results the first {@code windows} evaluated windows hold. */
    private static int countResults(KernelHarness.Run run, long windows) {
        int n = 0;
        for (int i = 0; i < windows; i++) {
            n += run.windows().get(i).size();
        }
        return n;
    }

    @Test
    void aCheckpointOfAnotherConfigurationIsIgnored() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        writeInput(h);
        RecordingStore store = new RecordingStore();
        KernelHarness.run(h.plans(yaml("static")), new Engine(new TickingClock(), dir.resolve("data"), 1, d -> { })
                .checkpointTo(store, Duration.ofMillis(1), false));
        store.current.put("cp", store.saved.get(2));
        String other = yaml("static").replace("size: 1h, slide: 30m", "size: 2h");
        KernelHarness.Run plain = h.run(other);
        KernelHarness.Run run = KernelHarness.run(h.plans(other), new Engine(KernelHarness.FIXED, dir.resolve("data"), 1,
                d -> { }).checkpointTo(store, Duration.ofHours(1), false));
        assertThat(run.rendered()).isEqualTo(plain.rendered());
        assertThat(run.stats("cp").records()).isEqualTo(6000);
    }

    @Test
    void aStateFormatNewerThanTheInstalledPluginReadsIsRefusedNamingBothVersions() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        writeInput(h);
        RecordingStore store = new RecordingStore();
        KernelHarness.run(h.plans(yaml("static")), new Engine(new TickingClock(), dir.resolve("data"), 1, d -> { })
                .checkpointTo(store, Duration.ofMillis(1), false));
        MonitorCheckpoint cp = MonitorCheckpoint.decode(store.saved.get(1), "cp");
        List<MonitorCheckpoint.MetricHeader> headers = new ArrayList<>();
        for (MonitorCheckpoint.MetricHeader m : cp.metrics()) {
            headers.add(m.type().equals("test.probe")
                    ? new MonitorCheckpoint.MetricHeader(m.name(), m.type(), m.plugin(), "9.1.0", m.codecVersion() + 1) : m);
        }
        MonitorCheckpoint newer = new MonitorCheckpoint(cp.monitor(), cp.fingerprint(), cp.writtenAt(), cp.groups(), headers,
                cp.records(), cp.late(), cp.counter(), cp.maxTime(), cp.minTime(), cp.closedUpTo(), cp.windows(),
                cp.deadLettered(), cp.deadLetterBytes(), cp.segmentKeys(), cp.segmentLabels(), cp.position(), cp.segments(),
                cp.attached());
        store.current.put("cp", newer.encode());
        String installed = h.plans(yaml("static")).get(0).metrics().get(3).pluginVersion();
        assertThatThrownBy(() -> KernelHarness.run(h.plans(yaml("static")), new Engine(KernelHarness.FIXED,
                dir.resolve("data"), 1, d -> { }).checkpointTo(store, Duration.ofHours(1), false)))
                .isInstanceOf(MonitorFailedException.class)
                .hasMessageContaining("the checkpoint of monitor 'cp' holds test.probe states in format 2, written by plugin"
                        + " test 9.1.0; the installed plugin test " + installed + " reads formats up to 1. Install plugin"
                        + " test 9.1.0 or newer, or start afresh with run --fresh");
    }

    @Test
    void freshIgnoresAndDeletesTheCheckpoint() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        writeInput(h);
        RecordingStore store = new RecordingStore();
        store.current.put("cp", new byte[] {1, 2, 3}); // would be refused as damaged
        KernelHarness.Run run = KernelHarness.run(h.plans(yaml("static")), new Engine(KernelHarness.FIXED,
                dir.resolve("data"), 1, d -> { }).checkpointTo(store, Duration.ofHours(1), true));
        assertThat(run.stats("cp").records()).isEqualTo(6000);
        assertThat(store.current).isEmpty();
    }

    @Test
    void aDamagedCheckpointIsRefused() throws Exception {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        writeInput(h);
        RecordingStore store = new RecordingStore();
        store.current.put("cp", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> KernelHarness.run(h.plans(yaml("static")), new Engine(KernelHarness.FIXED,
                dir.resolve("data"), 1, d -> { }).checkpointTo(store, Duration.ofHours(1), false)))
                .isInstanceOf(MonitorFailedException.class)
                .hasMessageContaining("the checkpoint of monitor 'cp' is not a ModelWatch checkpoint");
    }
}
