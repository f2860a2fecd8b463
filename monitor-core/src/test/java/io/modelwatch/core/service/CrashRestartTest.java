package io.modelwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.core.config.ConfigLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: {@code modelwatch run} in a child JVM is killed with SIGKILL at ten seeded
 * random points while it reads a large file, restarted each time, and finally left to finish. Its
 * results must equal those of a run that was never interrupted, in the JSON Lines file and in the
 * store: every record counted exactly once.
 *
 * <p>KLL quantiles compact at random, so {@code core.latency}'s quantiles may differ in their last
 * digits between any two runs; they are left out of the comparison (its mean, min and max stay in).
 */
@Tag("slow")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "needs SIGKILL (Process.destroyForcibly) semantics")
class CrashRestartTest {
    private static final int RECORDS = 1_200_000;
    private static final int KILLS = 10;
    private static final Pattern RESUMED = Pattern.compile("resumed from the checkpoint of \\S+ \\((\\d+) records counted");
    private static final ObjectMapper JSON = ConfigLoader.jsonMapper();

    @TempDir
    Path dir;

    private static final String CONFIG = """
            data-dir: data
            checkpoint: { interval: 200ms }
            monitors:
              - name: crash
                model: ranker-v3
                mode: static
                source: { type: jsonl, path: in.jsonl }
                fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                segment-by: [/country]
                window: { size: 1h }
                baseline: { from: "2026-11-01T00:00:00Z", to: "2026-11-01T06:00:00Z" }
                metrics:
                  - type: core.count
                  - type: core.error_rate
                  - type: core.throughput
                  - type: core.latency
                    params: { unit: ms }
            sinks:
              - { type: jsonl, path: out/results.jsonl }
            """;

    private void writeInput(Path file) throws IOException {
        Random random = new Random(7);
        long t0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        String[] countries = {"de", "fr", "it", "es"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < RECORDS; i++) {
                long t = t0 + i * 200L; // 200 ms apart: 66.7 hours
                if (i % 5000 == 1234) {
                    w.write("{\"ts\": broken line " + i + "\n");
                    continue;
                }
                w.write(String.format(Locale.ROOT,
                        "{\"ts\":%d,\"request_id\":\"r%d\",\"country\":\"%s\",\"latency_ms\":%.2f,\"error\":%s}\n",
                        t, i, countries[random.nextInt(4)], 20 + random.nextDouble() * 80 + (t > t0 + 40 * 3_600_000L ? 15 : 0),
                        random.nextInt(50) == 0 ? "\"timeout\"" : "null"));
            }
        }
    }

    private Process start(Path workDir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.modelwatch.core.cli.Main", "run", "-c", workDir.resolve("modelwatch.yaml").toString());
        pb.directory(workDir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.environment().put("MODELWATCH_LOG_LEVEL", "INFO");
        return pb.start();
    }

    /** Runs to the end; returns the exit code. */
    private int runToEnd(Path workDir, Path log) throws Exception {
        Process p = start(workDir, log);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("run finished").isTrue();
        return p.exitValue();
    }

    /** The results file as comparable JSON objects, KLL quantiles removed. */
    private static List<String> comparable(Path results) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            if (node.get("type").asText().equals("core.latency")) {
                for (String part : List.of("values", "intervals", "baseline", "delta", "delta_intervals", "significant")) {
                    JsonNode section = node.get(part);
                    if (section instanceof ObjectNode o) {
                        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                            if (it.next().matches("p\\d+")) {
                                it.remove();
                            }
                        }
                    }
                }
            }
            out.add(JSON.writeValueAsString(node));
        }
        return out;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedTenTimesWithSigkillTheRunEndsWithTheUninterruptedResults() throws Exception {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Path crashed = Files.createDirectories(dir.resolve("crashed"));
        writeInput(reference.resolve("in.jsonl"));
        Files.copy(reference.resolve("in.jsonl"), crashed.resolve("in.jsonl"));
        Files.writeString(reference.resolve("modelwatch.yaml"), CONFIG);
        Files.writeString(crashed.resolve("modelwatch.yaml"), CONFIG);

        long begin = System.nanoTime();
        assertThat(runToEnd(reference, dir.resolve("reference.log"))).as(Files.readString(dir.resolve("reference.log"))).isZero();
        long uninterruptedMillis = (System.nanoTime() - begin) / 1_000_000;
        List<String> expected = comparable(reference.resolve("out/results.jsonl"));
        assertThat(expected).hasSizeGreaterThan(500);

        // Ten kill points spread over the input: each run is killed once its checkpoints have passed
        // the next point, a random 0-250 ms later (so between two checkpoints, mid-batch).
        Random random = new Random(20261204);
        long[] targets = new long[KILLS];
        for (int k = 0; k < KILLS; k++) {
            targets[k] = (long) (RECORDS * (0.05 + 0.9 * random.nextDouble()));
        }
        java.util.Arrays.sort(targets);
        List<String> report = new ArrayList<>();
        int resumedWithProgress = 0;
        for (int k = 0; k < KILLS; k++) {
            Path log = dir.resolve("run-" + k + ".log");
            long before = checkpointedRecords(crashed);
            Process p = start(crashed, log);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            long seen = before;
            // Wait for a checkpoint of this run (beyond where it started) at or past the kill point.
            while (p.isAlive() && ((seen = checkpointedRecords(crashed)) <= before || seen < targets[k])
                    && System.nanoTime() < deadline) {
                p.waitFor(20, TimeUnit.MILLISECONDS);
            }
            long extra = random.nextInt(250);
            boolean exited = p.waitFor(extra, TimeUnit.MILLISECONDS);
            if (!exited) {
                p.destroyForcibly();
                p.waitFor(1, TimeUnit.MINUTES);
            }
            Matcher m = RESUMED.matcher(Files.readString(log));
            long resumedAt = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (resumedAt > 0) {
                resumedWithProgress++;
            }
            report.add("kill " + (k + 1) + " at checkpoint >= " + targets[k] + " records (+" + extra + " ms)"
                    + (exited ? " had already exited" : "") + ": the run had started from " + resumedAt
                    + " records and checkpointed " + seen);
            assertThat(exited).as("run %d ended before its kill point: %s", k, Files.readString(log)).isFalse();
        }
        Path last = dir.resolve("final.log");
        assertThat(runToEnd(crashed, last)).as(Files.readString(last)).isZero();
        Matcher m = RESUMED.matcher(Files.readString(last));
        long finalStart = m.find() ? Long.parseLong(m.group(1)) : 0;
        report.add("final run started from " + finalStart + " records");
        assertThat(finalStart).as("the final run resumed from the last kill's checkpoint").isGreaterThanOrEqualTo(targets[KILLS - 1]);
        System.out.println("crash test: " + RECORDS + " records, uninterrupted run " + uninterruptedMillis + " ms\n  "
                + String.join("\n  ", report));

        List<String> actual = comparable(crashed.resolve("out/results.jsonl"));
        assertThat(actual).as("results after %d kills", KILLS).isEqualTo(expected);
        assertThat(Files.readString(crashed.resolve("data/deadletter/crash.jsonl")).replace("/crashed/", "/"))
                .isEqualTo(Files.readString(reference.resolve("data/deadletter/crash.jsonl")).replace("/reference/", "/"));
        assertThat(resumedWithProgress).as("restarts that resumed from a checkpoint: %s", report).isGreaterThanOrEqualTo(KILLS - 1);
        assertThat(storedResults(crashed)).isEqualTo(storedResults(reference)).isEqualTo(expected.size());
    }

    /** Returns how many records the monitor's checkpoint in the store has counted (0 when none yet). */
    private static long checkpointedRecords(Path workDir) {
        Path db = workDir.resolve("data/modelwatch.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.ResultSet rs = c.createStatement().executeQuery("select data from checkpoints where monitor = 'crash'")) {
            if (!rs.next()) {
                return 0;
            }
            // The envelope: magic, format, monitor, fingerprint, written-at, groups, metric headers, then the record count.
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(rs.getBytes(1)));
            in.readInt();
            in.readInt();
            in.readUTF();
            in.readUTF();
            in.readLong();
            in.readInt();
            int metrics = in.readInt();
            for (int i = 0; i < metrics; i++) {
                in.readUTF();
                in.readUTF();
                in.readUTF();
                in.readUTF();
                in.readInt();
            }
            return in.readLong();
        } catch (java.sql.SQLException | IOException e) {
            return 0; // the table is not there yet, or is being written
        }
    }

    /** How many results the store of a run holds (the store upserts, so a repeated window is one row). */
    private static long storedResults(Path workDir) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + workDir.resolve("data/modelwatch.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("select count(*) from results")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
