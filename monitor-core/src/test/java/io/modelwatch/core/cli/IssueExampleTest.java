package io.modelwatch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration of issue 2 ("This file must validate and run exactly as written"), copied
 * verbatim into {@code cli/issue-example.yaml}, run through the command line on the hand-worked
 * log of {@link PredictionLog}.
 */
class IssueExampleTest {
    /** The result fields the issue documents; later versions may add fields, never rename these. */
    private static final List<String> DOCUMENTED_FIELDS = List.of("monitor", "metric", "type", "segment", "window",
            "count", "rejected", "values", "intervals", "baseline", "delta", "delta_intervals", "significant", "tables");

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        config = dir.resolve("monitors.yaml");
        try (InputStream in = IssueExampleTest.class.getResourceAsStream("/cli/issue-example.yaml")) {
            Files.write(config, in.readAllBytes());
        }
        PredictionLog.write(dir);
    }

    private List<JsonNode> results() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out/results.jsonl"))) {
            rows.add(json.readTree(line));
        }
        return rows;
    }

    @Test
    void validatesAsWritten() {
        Cli cli = Cli.run("validate", "-c", config.toString());

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out()).isEqualTo(config + ": valid (1 monitor, 2 metrics: checkout-latency)\n");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void runsAsWrittenAndWritesTheDocumentedResultFields() throws IOException {
        Cli cli = Cli.run("run", "-c", config.toString());

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.err()).isEqualTo("monitor checkout-latency: 240 records\n");

        List<JsonNode> rows = results();
        // Five daily windows and the whole input, each with both metrics, in configuration order.
        assertThat(rows).hasSize(12);
        for (JsonNode row : rows) {
            assertThat(row.fieldNames()).toIterable().as(row.toString()).containsAll(DOCUMENTED_FIELDS);
            assertThat(row.get("monitor").asText()).isEqualTo("checkout-latency");
            assertThat(row.get("segment").isObject()).isTrue();
            assertThat(row.get("segment").size()).isZero();
            assertThat(row.has("error")).as("no metric failed").isFalse();
        }
        assertThat(rows).extracting(r -> r.get("metric").asText() + "/" + r.get("type").asText()).containsExactly(
                "core.latency/core.latency", "errors/core.error_rate", "core.latency/core.latency",
                "errors/core.error_rate", "core.latency/core.latency", "errors/core.error_rate",
                "core.latency/core.latency", "errors/core.error_rate", "core.latency/core.latency",
                "errors/core.error_rate", "core.latency/core.latency", "errors/core.error_rate");
        assertThat(rows).extracting(r -> r.get("window").get("start").asText() + " " + r.get("window").get("end").asText())
                .containsExactly(
                        "2026-11-01T00:00:00Z 2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z 2026-11-02T00:00:00Z",
                        "2026-11-02T00:00:00Z 2026-11-03T00:00:00Z", "2026-11-02T00:00:00Z 2026-11-03T00:00:00Z",
                        "2026-11-03T00:00:00Z 2026-11-04T00:00:00Z", "2026-11-03T00:00:00Z 2026-11-04T00:00:00Z",
                        "2026-11-04T00:00:00Z 2026-11-05T00:00:00Z", "2026-11-04T00:00:00Z 2026-11-05T00:00:00Z",
                        "2026-11-05T00:00:00Z 2026-11-06T00:00:00Z", "2026-11-05T00:00:00Z 2026-11-06T00:00:00Z",
                        // The whole input: from the first record to just after the last (ends are exclusive).
                        "2026-11-01T00:00:00Z 2026-11-05T23:30:00.001Z", "2026-11-01T00:00:00Z 2026-11-05T23:30:00.001Z");
    }

    @Test
    void theErrorsMetricCarriesItsNameAndTheHandWorkedRate() throws IOException {
        assertThat(Cli.run("run", "-c", config.toString()).code()).isZero();

        List<JsonNode> errors = results().stream().filter(r -> r.get("metric").asText().equals("errors")).toList();

        assertThat(errors).hasSize(6);
        for (JsonNode r : errors) {
            assertThat(r.get("type").asText()).isEqualTo("core.error_rate");
            // 6 of 48 records a day failed (j % 8 == 0): 0.125 on every day and over the whole input.
            assertThat(r.get("values").get("rate").asDouble()).isEqualTo(0.125);
            assertThat(r.get("rejected").asLong()).isZero();
            // The baseline (2026-11-01 to 11-03) has the same rate: no difference.
            assertThat(r.get("baseline").get("rate").asDouble()).isEqualTo(0.125);
            assertThat(r.get("delta").get("rate").asDouble()).isEqualTo(0.0);
        }
        assertThat(errors.get(0).get("count").asLong()).isEqualTo(48);
        assertThat(errors.get(0).get("values").get("errors").asLong()).isEqualTo(6);
        assertThat(errors.get(5).get("count").asLong()).isEqualTo(240);
        assertThat(errors.get(5).get("values").get("errors").asLong()).isEqualTo(30);
    }

    @Test
    void latencyComparesWithTheBaselineAndFlagsTheDegradedDays() throws IOException {
        assertThat(Cli.run("run", "-c", config.toString()).code()).isZero();

        List<JsonNode> latency = results().stream().filter(r -> r.get("metric").asText().equals("core.latency")).toList();

        // Days 1-3: 100, 110, 120, 130 ms equally often; days 4-5 100 ms more; the baseline is days 1-2.
        double[] means = {115, 115, 115, 215, 215};
        for (int day = 0; day < 5; day++) {
            JsonNode r = latency.get(day);
            assertThat(r.get("count").asLong()).isEqualTo(48);
            assertThat(r.get("values").get("mean").asDouble()).isEqualTo(means[day]);
            assertThat(r.get("values").get("min").asDouble()).isEqualTo(means[day] - 15);
            assertThat(r.get("values").get("max").asDouble()).isEqualTo(means[day] + 15);
            assertThat(r.get("baseline").get("mean").asDouble()).isEqualTo(115.0);
            assertThat(r.get("delta").get("mean").asDouble()).isEqualTo(means[day] - 115);
            assertThat(r.get("intervals").get("mean")).hasSize(2);
            assertThat(r.get("delta_intervals").get("mean")).hasSize(2);
            assertThat(r.get("significant").get("mean").asBoolean()).as("day %d", day + 1).isEqualTo(day >= 3);
            assertThat(r.get("tables").get("unit").get(0).get("unit").asText()).isEqualTo("ms");
            // min and max are descriptive: no interval and no baseline test.
            assertThat(r.get("intervals").has("min")).isFalse();
            assertThat(r.get("significant").has("max")).isFalse();
        }
        JsonNode whole = latency.get(5);
        assertThat(whole.get("count").asLong()).isEqualTo(240);
        // (3 * 115 + 2 * 215) / 5 = 155
        assertThat(whole.get("values").get("mean").asDouble()).isEqualTo(155.0);
    }

    @Test
    void consoleSinkPrintsATablePerWindowFlaggingTheDegradedOnes() {
        Cli cli = Cli.run("run", "-c", config.toString());

        assertThat(cli.code()).isZero();
        assertThat(cli.out())
                .contains("checkout-latency (ranker-v3)  window 2026-11-01 00:00 -> 2026-11-02 00:00  records 48\n")
                .contains("checkout-latency (ranker-v3)  window 2026-11-04 00:00 -> 2026-11-05 00:00  records 48"
                        + "  ** differs from baseline **\n")
                .contains("checkout-latency (ranker-v3)  whole input 2026-11-01 00:00 -> 2026-11-05 23:30  records 240")
                .containsPattern("\\n  core\\.latency +mean +115 +\\[")
                .containsPattern("\\n  errors +rate +0\\.1250 ");
        assertThat(cli.out().lines().filter(l -> l.contains("differs from baseline")).count())
                .as("days 4 and 5 and the whole input").isEqualTo(3);
    }
}
