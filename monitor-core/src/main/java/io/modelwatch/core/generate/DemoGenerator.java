package io.modelwatch.core.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The seeded generator of the demo's prediction logs: a translation model ({@code mt.jsonl}), an image
 * classifier ({@code vision.jsonl}) and a recommender ({@code recsys.jsonl}), each a JSON Lines file sorted
 * by time.
 *
 * <p>Each file holds {@code days × recordsPerDay} records. Day {@code d} covers
 * {@code [start + d days, start + d + 1 days)}, with request times following a diurnal pattern (quiet around
 * 03:00, busy around 15:00 after {@code start}). Latencies are log-normal per model and rise with load; about
 * 1% of requests fail with {@code error} set to {@code "timeout"}, {@code "upstream_unavailable"} or
 * {@code "invalid_input"} and their prediction null. From day {@code days / 2} on (day 3 of 7) every model is
 * degraded: translations lose and garble more words, the classifier is less accurate and overconfident, the
 * recommender misses relevant items and leans on popular ones, and all three are slower and fail more often.
 *
 * <p>Output is a pure function of the constructor arguments: the same arguments give byte-identical files on
 * any JDK and platform, and each file is independent of whether the others are written. Instances are
 * immutable and thread-safe; each write method owns its own random source.
 */
public final class DemoGenerator {
    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 42;
    /** First instant of the generated logs when none is given. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-01T00:00:00Z");
    /** Number of days generated when none is given. */
    public static final int DEFAULT_DAYS = 7;
    /** Records per day and per model when none is given. */
    public static final int DEFAULT_RECORDS_PER_DAY = 2_000;

    /** Name of the translation log written by {@link #writeAll(Path)}. */
    public static final String TRANSLATION_FILE = "mt.jsonl";
    /** Name of the image classifier log written by {@link #writeAll(Path)}. */
    public static final String VISION_FILE = "vision.jsonl";
    /** Name of the recommender log written by {@link #writeAll(Path)}. */
    public static final String RECSYS_FILE = "recsys.jsonl";
    /** Suggested name of the file {@link #writeItemPopularity(Path)} writes; not part of {@link #writeAll(Path)}. */
    public static final String RECSYS_POPULARITY_FILE = "recsys-popularity.csv";

    private static final long TRANSLATION_SALT = 0x6D74L;
    private static final long VISION_SALT = 0x7669L;
    private static final long RECSYS_SALT = 0x7263L;

    private final long seed;
    private final Instant start;
    private final int days;
    private final int recordsPerDay;

    /**
     * @param seed seed of every random choice
     * @param start first instant covered; timestamps are written with millisecond precision
     * @param days number of days, at least 1
     * @param recordsPerDay records per day and per model, at least 1
     * @throws IllegalArgumentException if {@code days} or {@code recordsPerDay} is below 1
     */
    public DemoGenerator(long seed, Instant start, int days, int recordsPerDay) {
        this.seed = seed;
        this.start = requireNonNull(start, "start is null");
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        if (recordsPerDay < 1) {
            throw new IllegalArgumentException("records per day must be at least 1, got " + recordsPerDay);
        }
        this.days = days;
        this.recordsPerDay = recordsPerDay;
    }

    /**
     * A generator with the defaults: seed 42, from 2026-11-01T00:00:00Z, 7 days, 2,000 records per day.
     *
     * @return the default generator
     */
    public static DemoGenerator withDefaults() {
        return new DemoGenerator(DEFAULT_SEED, DEFAULT_START, DEFAULT_DAYS, DEFAULT_RECORDS_PER_DAY);
    }

    /**
     * The first day index that is degraded.
     *
     * @return {@code days / 2}
     */
    public int degradedFromDay() {
        return days / 2;
    }

    /**
     * The instant the degradation starts.
     *
     * @return {@code start} plus {@code days / 2} days
     */
    public Instant degradedFrom() {
        return start.plusMillis(degradedFromDay() * RequestTimes.DAY_MILLIS);
    }

    /**
     * Writes {@code mt.jsonl}, {@code vision.jsonl} and {@code recsys.jsonl} into {@code dir}, creating it if
     * needed and replacing existing files.
     *
     * @param dir the folder to write to
     * @return the three files, in that order
     * @throws IOException if the folder or a file cannot be written
     */
    public List<Path> writeAll(Path dir) throws IOException {
        requireNonNull(dir, "dir is null");
        Files.createDirectories(dir);
        Path translation = dir.resolve(TRANSLATION_FILE);
        Path vision = dir.resolve(VISION_FILE);
        Path recsys = dir.resolve(RECSYS_FILE);
        writeTranslation(translation);
        writeVision(vision);
        writeRecsys(recsys);
        return List.of(translation, vision, recsys);
    }

    /**
     * Writes the translation log ({@code mt-en-de}), replacing the file if it exists.
     *
     * @param file the file to write; missing parent folders are created
     * @return the number of records written
     * @throws IOException if the file cannot be written
     */
    public long writeTranslation(Path file) throws IOException {
        return write(file, new TranslationStream(), TRANSLATION_SALT);
    }

    /**
     * Writes the image classifier log ({@code resnet-50}), replacing the file if it exists.
     *
     * @param file the file to write; missing parent folders are created
     * @return the number of records written
     * @throws IOException if the file cannot be written
     */
    public long writeVision(Path file) throws IOException {
        return write(file, new VisionStream(), VISION_SALT);
    }

    /**
     * Writes the recommender log ({@code ranker-v3}), replacing the file if it exists.
     *
     * @param file the file to write; missing parent folders are created
     * @return the number of records written
     * @throws IOException if the file cannot be written
     */
    public long writeRecsys(Path file) throws IOException {
        return write(file, recsysStream(), RECSYS_SALT);
    }

    /**
     * Writes the recommender's item popularity as a CSV table {@code item,count} (header line first, most
     * popular item first): the training interaction counts behind the log of {@link #writeRecsys(Path)},
     * 1,000,000 interactions over its 5,000 items. Popularity-bias metrics (such as {@code recsys.catalog}'s
     * {@code item_popularity} parameter) read it to show the recommender leaning on popular items after
     * the degradation. Depends on the seed only.
     *
     * @param file the file to write; missing parent folders are created
     * @return the number of items written
     * @throws IOException if the file cannot be written
     */
    public long writeItemPopularity(Path file) throws IOException {
        requireNonNull(file, "file is null");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return recsysStream().writePopularity(out);
        }
    }

    private RecsysStream recsysStream() {
        return new RecsysStream(DemoRandom.of(seed, RECSYS_SALT + 2));
    }

    private long write(Path file, RecordStream stream, long salt) throws IOException {
        requireNonNull(file, "file is null");
        DemoRandom times = DemoRandom.of(seed, salt);
        DemoRandom content = DemoRandom.of(seed, salt + 1);
        ServiceProfile profile = stream.profile();
        long startMillis = start.toEpochMilli();
        long sequence = 0;
        try (JsonLinesOut out = JsonLinesOut.create(file)) {
            for (int day = 0; day < days; day++) {
                boolean degraded = day >= degradedFromDay();
                long dayStart = startMillis + day * RequestTimes.DAY_MILLIS;
                for (long time : RequestTimes.day(times, dayStart, recordsPerDay)) {
                    out.startRecord(time, stream.idPrefix(), ++sequence, stream.model());
                    String failure = profile.failure(content, degraded);
                    double size = stream.writePayload(out, content, degraded, failure);
                    double latency = failure == null
                            ? profile.latency(content, degraded, RequestTimes.load(time - dayStart), size)
                            : profile.failedLatency(content, failure);
                    out.endRecord(latency, failure);
                }
            }
            return out.records();
        }
    }

    @Override
    public String toString() {
        return "DemoGenerator[seed=" + seed + ", start=" + start + ", days=" + days
                + ", recordsPerDay=" + recordsPerDay + "]";
    }
}
