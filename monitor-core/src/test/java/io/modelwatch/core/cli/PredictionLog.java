package io.modelwatch.core.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code data/predictions.jsonl} for the example: five days from 2026-11-01, one
 * record every 30 minutes (48 a day), with {@code ts}, {@code request_id}, {@code latency_ms} and
 * {@code error}.
 *
 * <p>Worked by hand for the tests: on each day record j (0..47) has latency 100 + 10 * (j % 4) ms
 * (so the mean is 115, min 100, max 130) on days 1–3 and 100 ms more on days 4–5 (mean 215, min
 * 200, max 230); records with j % 8 == 0 failed (6 a day, rate 0.125), the others carry
 * {@code "error": null}.
 */
final class PredictionLog {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final int DAYS = 5;
    static final int PER_DAY = 48;

    private PredictionLog() {
    }

    /** Writes the log under {@code dir/data/predictions.jsonl}, replacing one record's latency when asked. */
    static Path write(Path dir) {
        return write(dir, -1, 0);
    }

    /**
     * Writes the log; record number {@code special} (0-based over the whole file) gets latency
     * {@code specialLatency} instead.
     */
    static Path write(Path dir, int special, double specialLatency) {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (int day = 0; day < DAYS; day++) {
            for (int j = 0; j < PER_DAY; j++, n++) {
                Instant ts = START.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(30L * j));
                double latency = n == special ? specialLatency : 100 + 10 * (j % 4) + (day >= 3 ? 100 : 0);
                String error = j % 8 == 0 ? "\"timeout\"" : "null";
                lines.add(String.format(Locale.ROOT,
                        "{\"ts\":\"%s\",\"request_id\":\"req-%04d\",\"latency_ms\":%.1f,\"error\":%s}", ts, n, latency,
                        error));
            }
        }
        try {
            Path file = dir.resolve("data/predictions.jsonl");
            Files.createDirectories(file.getParent());
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
