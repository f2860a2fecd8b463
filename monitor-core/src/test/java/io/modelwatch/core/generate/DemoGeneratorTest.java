package io.modelwatch.core.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final int DAYS = 6;
    private static final int PER_DAY = 1_500;
    private static final long DAY_MILLIS = 86_400_000L;

    @TempDir
    static Path shared;

    private static List<JsonNode> mt;
    private static List<JsonNode> vision;
    private static List<JsonNode> recsys;
    private static final Map<List<JsonNode>, List<JsonNode>> HEALTHY = new IdentityHashMap<>();
    private static final Map<List<JsonNode>, List<JsonNode>> DEGRADED = new IdentityHashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        List<Path> files = new DemoGenerator(42, START, DAYS, PER_DAY).writeAll(shared.resolve("logs"));
        assertThat(files).extracting(path -> path.getFileName().toString())
                .containsExactly("mt.jsonl", "vision.jsonl", "recsys.jsonl");
        mt = read(files.get(0));
        vision = read(files.get(1));
        recsys = read(files.get(2));
        for (List<JsonNode> records : List.of(mt, vision, recsys)) {
            HEALTHY.put(records, records.stream().filter(r -> dayIndex(r) < DAYS / 2).toList());
            DEGRADED.put(records, records.stream().filter(r -> dayIndex(r) >= DAYS / 2).toList());
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        List<Path> first = new DemoGenerator(7, START, 3, 400).writeAll(dir.resolve("a"));
        List<Path> second = new DemoGenerator(7, START, 3, 400).writeAll(dir.resolve("b"));
        List<Path> other = new DemoGenerator(8, START, 3, 400).writeAll(dir.resolve("c"));
        for (int i = 0; i < 3; i++) {
            assertThat(Files.size(first.get(i))).isPositive();
            assertThat(Files.mismatch(first.get(i), second.get(i))).isEqualTo(-1L);
            assertThat(Files.mismatch(first.get(i), other.get(i))).isNotEqualTo(-1L);
        }
    }

    /**
     * Pins the bytes across processes, machines and JDKs, not just within one run. The generator uses
     * SplitMix64, StrictMath and integer-printed decimals precisely so this holds; a deliberate change to
     * the generator changes these digests: update them then, and say so in the commit message.
     */
    @Test
    void outputBytesArePinnedBySha256(@TempDir Path dir) throws Exception {
        List<Path> files = new DemoGenerator(42, START, 2, 200).writeAll(dir);
        assertThat(sha256(files.get(0))).isEqualTo("04ed5faf252fb0f8abb6b7e424146d8a958f674bcb5528c1ca0e9d8eefa4fa89");
        assertThat(sha256(files.get(1))).isEqualTo("22b8eb14611518796b3828bd9ec702a77c4c6844e797b52587e612c97a8e8ec0");
        assertThat(sha256(files.get(2))).isEqualTo("d6405b8da44ab8e84277f24ca72d574c1ca01b2ca4d4b5d1aae0f025683fb13a");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void eachFileIsTheSameWhetherWrittenAloneOrWithTheOthers(@TempDir Path dir) throws IOException {
        DemoGenerator generator = new DemoGenerator(7, START, 2, 300);
        List<Path> all = generator.writeAll(dir.resolve("all"));
        Path mtAlone = dir.resolve("alone/mt.jsonl");
        Path visionAlone = dir.resolve("alone/vision.jsonl");
        Path recsysAlone = dir.resolve("alone/recsys.jsonl");
        assertThat(generator.writeRecsys(recsysAlone)).isEqualTo(600);
        assertThat(generator.writeVision(visionAlone)).isEqualTo(600);
        assertThat(generator.writeTranslation(mtAlone)).isEqualTo(600);
        assertThat(Files.mismatch(all.get(0), mtAlone)).isEqualTo(-1L);
        assertThat(Files.mismatch(all.get(1), visionAlone)).isEqualTo(-1L);
        assertThat(Files.mismatch(all.get(2), recsysAlone)).isEqualTo(-1L);
    }

    @Test
    void everyFileHasTheEnvelopeSortedByTimeWithinTheGeneratedDays() {
        check(mt, "mt-en-de", "mt-");
        check(vision, "resnet-50", "vis-");
        check(recsys, "ranker-v3", "rec-");
    }

    private static void check(List<JsonNode> records, String model, String idPrefix) {
        assertThat(records).hasSize(DAYS * PER_DAY);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String ts = record.get("ts").asText();
            assertThat(ts).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            long millis = Instant.parse(ts).toEpochMilli();
            assertThat(millis).isGreaterThanOrEqualTo(previous)
                    .isGreaterThanOrEqualTo(START.toEpochMilli())
                    .isLessThan(START.toEpochMilli() + DAYS * DAY_MILLIS);
            previous = millis;
            assertThat(record.get("request_id").asText()).isEqualTo(String.format("%s%06d", idPrefix, i + 1));
            assertThat(record.get("model").asText()).isEqualTo(model);
            assertThat(record.get("latency_ms").isNumber()).isTrue();
            assertThat(record.get("latency_ms").asDouble()).isPositive();
            JsonNode error = record.get("error");
            assertThat(error.isNull() || error.isTextual()).isTrue();
        }
        long failed = records.stream().filter(DemoGeneratorTest::failed).count();
        // Error rates are 0.5–1% healthy and 2–3.5% degraded: a few percent overall, never zero.
        assertThat(failed).isBetween(records.size() / 400L, records.size() / 20L);
        assertThat(records.stream().filter(DemoGeneratorTest::failed).map(r -> r.get("error").asText()))
                .containsOnly("timeout", "upstream_unavailable", "invalid_input");
    }

    @Test
    void fieldOrderMatchesTheDocumentedFormats() {
        assertThat(fieldNames(mt.stream().filter(r -> r.has("gold")).findFirst().orElseThrow()))
                .containsExactly("ts", "request_id", "model", "source", "output", "gold", "latency_ms", "error");
        assertThat(fieldNames(mt.stream().filter(r -> !r.has("gold")).findFirst().orElseThrow()))
                .containsExactly("ts", "request_id", "model", "source", "output", "latency_ms", "error");
        assertThat(fieldNames(vision.get(0)))
                .containsExactly("ts", "request_id", "model", "probs", "label", "latency_ms", "error");
        assertThat(fieldNames(recsys.get(0)))
                .containsExactly("ts", "request_id", "model", "user", "recommended", "clicked", "latency_ms", "error");
    }

    @Test
    void translationRecordsCarrySourceOutputAndGoldOnAboutThirtyPercent() {
        int gold = 0;
        for (JsonNode record : mt) {
            assertThat(record.get("source").asText()).isNotBlank().endsWith(".");
            JsonNode output = record.get("output");
            if (failed(record)) {
                assertThat(output.isNull()).isTrue();
            } else {
                assertThat(output.get("text").asText()).isNotBlank();
            }
            if (record.has("gold")) {
                gold++;
                assertThat(record.get("gold").isArray()).isTrue();
                assertThat(record.get("gold")).hasSize(1);
                assertThat(record.get("gold").get(0).asText()).isNotBlank().endsWith(".");
            }
        }
        // About 300 words in 20 templates: repeated sentences should be rare.
        assertThat(mt.stream().map(r -> r.get("source").asText()).distinct().count())
                .isGreaterThan(mt.size() * 9L / 10);
        // Binomial(9000, 0.3): standard deviation ≈ 0.005 of the share, so ±0.03 is far outside chance.
        assertThat(gold / (double) mt.size()).isBetween(0.27, 0.33);
    }

    @Test
    void visionRecordsCarryTenProbabilitiesSummingToOneAndALabel() {
        for (JsonNode record : vision) {
            int label = record.get("label").asInt();
            assertThat(label).isBetween(0, 9);
            JsonNode probs = record.get("probs");
            if (failed(record)) {
                assertThat(probs.isNull()).isTrue();
                continue;
            }
            assertThat(probs).hasSize(10);
            double sum = 0;
            for (JsonNode p : probs) {
                assertThat(p.asDouble()).isBetween(0.0, 1.0);
                sum += p.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void recommenderRecordsCarryTwentyDistinctItemsAndTheClicks() {
        for (JsonNode record : recsys) {
            assertThat(record.get("user").asText()).matches("u\\d+");
            assertThat(record.get("clicked").isArray()).isTrue();
            record.get("clicked").forEach(item -> assertThat(item.asText()).matches("i\\d+"));
            JsonNode recommended = record.get("recommended");
            if (failed(record)) {
                assertThat(recommended.isNull()).isTrue();
                continue;
            }
            Set<String> items = new HashSet<>();
            recommended.forEach(item -> items.add(item.asText()));
            assertThat(recommended).hasSize(20);
            assertThat(items).hasSize(20).allMatch(item -> item.matches("i\\d+"));
        }
    }

    @Test
    void trafficFollowsTheDayWithAnAfternoonPeak() {
        int night = 0;
        int afternoon = 0;
        for (JsonNode record : vision) {
            long hour = Instant.parse(record.get("ts").asText()).toEpochMilli() % DAY_MILLIS / 3_600_000;
            if (hour < 6) {
                night++;
            } else if (hour >= 12 && hour < 18) {
                afternoon++;
            }
        }
        // Intensity 1 + 0.6 cos(2π(h − 15)/24): the 12–18 h block carries about three times the 0–6 h block.
        assertThat(afternoon).isGreaterThan(2 * night);
    }

    @Test
    void latencyRisesAfterTheMidpointInAllThreeLogs() {
        for (List<JsonNode> records : List.of(mt, vision, recsys)) {
            double before = mean(healthy(records), r -> r.get("latency_ms").asDouble(), DemoGeneratorTest::succeeded);
            double after = mean(degraded(records), r -> r.get("latency_ms").asDouble(), DemoGeneratorTest::succeeded);
            // Slowdowns are 1.4–1.7 on the median; the mean of a log-normal rises at least as much.
            assertThat(after).isGreaterThan(1.3 * before);
        }
    }

    @Test
    void errorsBecomeMoreFrequentAfterTheMidpoint() {
        for (List<JsonNode> records : List.of(mt, vision, recsys)) {
            double before = mean(healthy(records), r -> failed(r) ? 1 : 0, r -> true);
            double after = mean(degraded(records), r -> failed(r) ? 1 : 0, r -> true);
            assertThat(after).isGreaterThan(before);
        }
    }

    @Test
    void classifierIsCalibratedBeforeAndLessAccurateAndOverconfidentAfter() {
        double accuracyBefore = mean(healthy(vision), r -> correct(r) ? 1 : 0, DemoGeneratorTest::succeeded);
        double accuracyAfter = mean(degraded(vision), r -> correct(r) ? 1 : 0, DemoGeneratorTest::succeeded);
        double confidenceBefore = mean(healthy(vision), DemoGeneratorTest::confidence, DemoGeneratorTest::succeeded);
        double confidenceAfter = mean(degraded(vision), DemoGeneratorTest::confidence, DemoGeneratorTest::succeeded);

        assertThat(accuracyBefore - accuracyAfter).isGreaterThan(0.1);
        // Labels are drawn from the reported probabilities before the midpoint, so mean confidence equals
        // expected accuracy there; with ~4,500 records the sampling error is below 0.01.
        assertThat(Math.abs(confidenceBefore - accuracyBefore)).isLessThan(0.03);
        assertThat(confidenceAfter - accuracyAfter).isGreaterThan(0.15);
    }

    @Test
    void recommenderHitRateFallsAndPopularityBiasRisesAfterTheMidpoint() {
        Predicate<JsonNode> rankable = r -> succeeded(r) && r.get("clicked").size() > 0;
        double hitsBefore = mean(healthy(recsys), r -> hit(r) ? 1 : 0, rankable);
        double hitsAfter = mean(degraded(recsys), r -> hit(r) ? 1 : 0, rankable);
        assertThat(hitsBefore - hitsAfter).isGreaterThan(0.15);

        Map<String, Integer> timesShown = new HashMap<>();
        for (JsonNode record : recsys) {
            if (succeeded(record)) {
                record.get("recommended").forEach(item -> timesShown.merge(item.asText(), 1, Integer::sum));
            }
        }
        ToDoubleFunction<JsonNode> meanPopularity = r -> {
            double sum = 0;
            for (JsonNode item : r.get("recommended")) {
                sum += timesShown.get(item.asText());
            }
            return sum / r.get("recommended").size();
        };
        double popularityBefore = mean(healthy(recsys), meanPopularity, DemoGeneratorTest::succeeded);
        double popularityAfter = mean(degraded(recsys), meanPopularity, DemoGeneratorTest::succeeded);
        assertThat(popularityAfter).isGreaterThan(1.5 * popularityBefore);
    }

    @Test
    void itemPopularityCoversTheCatalogueAndRecommendationsLeanOnPopularItemsAfterTheMidpoint(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("popularity.csv");
        assertThat(new DemoGenerator(42, START, DAYS, PER_DAY).writeItemPopularity(file)).isEqualTo(5_000);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("item,count");
        Map<String, Long> popularity = new HashMap<>();
        long previous = Long.MAX_VALUE;
        long total = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(",");
            long count = Long.parseLong(parts[1]);
            assertThat(count).isLessThanOrEqualTo(previous);
            previous = count;
            total += count;
            assertThat(popularity.put(parts[0], count)).as("item %s once", parts[0]).isNull();
        }
        // Rounded shares of 1,000,000 interactions: the total is off by at most half a count per item.
        assertThat(total).isBetween(1_000_000L - 2_500, 1_000_000L + 2_500);

        // Every recommended and clicked item is in the catalogue the table describes.
        for (JsonNode record : recsys) {
            record.get("clicked").forEach(item -> assertThat(popularity).containsKey(item.asText()));
        }
        ToDoubleFunction<JsonNode> meanPopularity = r -> {
            double sum = 0;
            for (JsonNode item : r.get("recommended")) {
                sum += popularity.get(item.asText());
            }
            return sum / r.get("recommended").size();
        };
        double before = mean(healthy(recsys), meanPopularity, DemoGeneratorTest::succeeded);
        double after = mean(degraded(recsys), meanPopularity, DemoGeneratorTest::succeeded);
        // Filler drawn from the Zipf law rises from 35% to 80% of the list.
        assertThat(after).isGreaterThan(1.5 * before);
    }

    @Test
    void translationsMatchTheReferenceLessAfterTheMidpoint() {
        Predicate<JsonNode> scorable = r -> succeeded(r) && r.has("gold");
        double before = mean(healthy(mt), DemoGeneratorTest::unigramPrecision, scorable);
        double after = mean(degraded(mt), DemoGeneratorTest::unigramPrecision, scorable);
        // Healthy edits touch about 10% of words, degraded ones about 30% plus truncations.
        assertThat(before).isGreaterThan(0.85);
        assertThat(before - after).isGreaterThan(0.1);
    }

    @Test
    void rejectsEmptyRuns() {
        assertThatThrownBy(() -> new DemoGenerator(1, START, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
        assertThatThrownBy(() -> new DemoGenerator(1, START, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("records per day");
    }

    @Test
    void defaultsAreAWeekFromNovemberFirstWithTheDegradationOnDayThree() {
        DemoGenerator generator = DemoGenerator.withDefaults();
        assertThat(generator.degradedFromDay()).isEqualTo(3);
        assertThat(generator.degradedFrom()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
        assertThat(DemoGenerator.DEFAULT_RECORDS_PER_DAY).isEqualTo(2_000);
        assertThat(DemoGenerator.DEFAULT_SEED).isEqualTo(42);
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(MAPPER.readTree(line));
        }
        return records;
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean failed(JsonNode record) {
        return !record.get("error").isNull();
    }

    private static boolean succeeded(JsonNode record) {
        return !failed(record);
    }

    private static long dayIndex(JsonNode record) {
        return (Instant.parse(record.get("ts").asText()).toEpochMilli() - START.toEpochMilli()) / DAY_MILLIS;
    }

    private static List<JsonNode> healthy(List<JsonNode> records) {
        return HEALTHY.get(records);
    }

    private static List<JsonNode> degraded(List<JsonNode> records) {
        return DEGRADED.get(records);
    }

    private static double mean(List<JsonNode> records, ToDoubleFunction<JsonNode> value, Predicate<JsonNode> keep) {
        double sum = 0;
        int count = 0;
        for (JsonNode record : records) {
            if (keep.test(record)) {
                sum += value.applyAsDouble(record);
                count++;
            }
        }
        assertThat(count).as("records kept").isGreaterThan(100);
        return sum / count;
    }

    private static int argmax(JsonNode probs) {
        int best = 0;
        for (int k = 1; k < probs.size(); k++) {
            if (probs.get(k).asDouble() > probs.get(best).asDouble()) {
                best = k;
            }
        }
        return best;
    }

    private static boolean correct(JsonNode record) {
        return argmax(record.get("probs")) == record.get("label").asInt();
    }

    private static double confidence(JsonNode record) {
        JsonNode probs = record.get("probs");
        return probs.get(argmax(probs)).asDouble();
    }

    private static boolean hit(JsonNode record) {
        Set<String> clicked = new HashSet<>();
        record.get("clicked").forEach(item -> clicked.add(item.asText()));
        for (JsonNode item : record.get("recommended")) {
            if (clicked.contains(item.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Share of output words found in the reference, each reference word matched at most once. */
    private static double unigramPrecision(JsonNode record) {
        Map<String, Integer> reference = new HashMap<>();
        for (String word : record.get("gold").get(0).asText().toLowerCase().split(" ")) {
            reference.merge(word, 1, Integer::sum);
        }
        String[] output = record.get("output").get("text").asText().toLowerCase().split(" ");
        int matched = 0;
        for (String word : output) {
            Integer left = reference.get(word);
            if (left != null && left > 0) {
                matched++;
                reference.put(word, left - 1);
            }
        }
        return matched / (double) output.length;
    }
}
