package io.modelwatch.core.store;

import static io.modelwatch.core.store.Results.day;
import static io.modelwatch.core.store.Results.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.config.StoreConfig;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.JsonlSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every database the store runs on must do. Each subclass supplies one database per test
 * (a fresh SQLite file, a fresh PostgreSQL schema).
 */
abstract class StoreContract {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The store section that reaches this test's database. */
    abstract StoreConfig config(Duration retention);

    /** A plain JDBC connection to this test's database (its schema), for checks behind the store's back. */
    abstract Connection connect() throws SQLException;

    ResultStore open() {
        return ResultStore.open(config(null), dir.resolve("data"), CLOCK);
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void opensTwiceMigratingOnceAndKeepsWhatWasStored() throws SQLException {
        try (ResultStore store = open()) {
            store.saveResults(List.of(day("m", "latency", Map.of(), "2026-11-01T00:00:00Z", 1)));
        }
        try (ResultStore store = open()) {
            assertThat(store.results("m", null, null, 10)).hasSize(1);
        }

        assertThat(count("SELECT COUNT(*) FROM modelwatch_schema_history WHERE success")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM modelwatch_schema_history WHERE version = '1'")).isEqualTo(1);
    }

    @Test
    void resultsComeBackAsTheExactJsonLine() {
        WindowResult rich = Results.rich();
        try (ResultStore store = open()) {
            store.saveResults(List.of(rich));

            assertThat(store.results("checkout", null, null, 10)).containsExactly(JsonlSink.toJson(rich));
        }
        // After reopening too: nothing in the database's text handling changes a byte.
        try (ResultStore store = open()) {
            String body = store.results("checkout", null, null, 10).get(0);
            assertThat(body.getBytes(StandardCharsets.UTF_8)).isEqualTo(JsonlSink.toJson(rich).getBytes(StandardCharsets.UTF_8));
            assertThat(body).contains("Zürich \\\"Nord\\\"", "µs ✓", "\"p99\":null", "1.0E-7");
        }
    }

    @Test
    void aWindowSavedAgainReplacesItsRow() throws SQLException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("country", "de");
        labels.put("device", "ios");
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("device", "ios");
        reordered.put("country", "de");
        WindowResult first = day("m", "latency", labels, "2026-11-01T00:00:00Z", 1);
        WindowResult again = day("m", "latency", reordered, "2026-11-01T00:00:00Z", 2);
        WindowResult total = Results.result("m", "latency", labels, first.windowStart(), first.windowEnd(), "total", 3);
        try (ResultStore store = open()) {
            store.saveResults(List.of(first));
            store.saveResults(List.of(again, total));

            // scope orders total before window
            assertThat(store.results("m", null, null, 10)).containsExactly(JsonlSink.toJson(total), JsonlSink.toJson(again));
        }
        assertThat(count("SELECT COUNT(*) FROM results")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM results WHERE segment = '{\"country\":\"de\",\"device\":\"ios\"}'"))
                .isEqualTo(2);
    }

    @Test
    void resultsAreOrderedByWindowMetricSegmentAndScopeAndFiltered() {
        WindowResult d2b = day("m", "b", Map.of(), "2026-11-02T00:00:00Z", 1);
        WindowResult d2aUs = day("m", "a", Map.of("c", "us"), "2026-11-02T00:00:00Z", 2);
        WindowResult d2aDe = day("m", "a", Map.of("c", "de"), "2026-11-02T00:00:00Z", 3);
        WindowResult d1b = day("m", "b", Map.of(), "2026-11-01T00:00:00Z", 4);
        WindowResult d3a = day("m", "a", Map.of(), "2026-11-03T00:00:00Z", 5);
        WindowResult d3aTotal = Results.result("m", "a", Map.of(), d3a.windowStart(), d3a.windowEnd(), "total", 6);
        WindowResult other = day("n", "a", Map.of(), "2026-11-02T00:00:00Z", 7);
        try (ResultStore store = open()) {
            store.saveResults(List.of(d2b, d2aUs, other));
            store.saveResults(List.of(d3aTotal, d1b));
            store.saveResults(List.of(d3a, d2aDe));

            assertThat(store.results("m", null, null, 100)).containsExactly(json(d1b, d2aDe, d2aUs, d2b, d3aTotal, d3a));
            assertThat(store.results("m", "a", null, 100)).containsExactly(json(d2aDe, d2aUs, d3aTotal, d3a));
            assertThat(store.results("m", null, Instant.parse("2026-11-02T00:00:00Z"), 100))
                    .containsExactly(json(d2aDe, d2aUs, d2b, d3aTotal, d3a));
            assertThat(store.results("m", "b", Instant.parse("2026-11-01T00:00:01Z"), 100)).containsExactly(json(d2b));
            // The limit keeps the latest, still in ascending order.
            assertThat(store.results("m", null, null, 3)).containsExactly(json(d2b, d3aTotal, d3a));
            assertThat(store.results("m", "zzz", null, 100)).isEmpty();
            assertThat(store.monitors()).containsExactly("m", "n");
            assertThat(store.metrics("m")).containsExactly("a", "b");
            assertThatThrownBy(() -> store.results("m", null, null, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("limit must be at least 1, got 0");
        }
    }

    @Test
    void alertEventsAreKeptInOrderAsJson() throws Exception {
        try (ResultStore store = open()) {
            store.saveAlertTransition(transition("m", "inactive", "pending", "2026-11-05T00:00:00Z"));
            store.saveAlertTransition(transition("m", "pending", "firing", "2026-11-06T00:00:00Z"));
            store.saveDeliveryFailure(transition("m", "pending", "firing", "2026-11-06T00:00:00Z"), "webhook",
                    "HTTP 503 from http://127.0.0.1:9/hook");
            store.saveAlertTransition(transition("n", "firing", "resolved", "2026-11-05T12:00:00Z"));

            List<JsonNode> all = parse(store.alertEvents(null, null, 100));
            assertThat(all).extracting(e -> e.get("monitor").asText() + " " + e.get("kind").asText() + " "
                    + e.get("to").asText() + " " + e.get("at").asText()).containsExactly(
                    "m transition pending 2026-11-05T00:00:00Z",
                    "n transition resolved 2026-11-05T12:00:00Z",
                    "m transition firing 2026-11-06T00:00:00Z",
                    "m delivery_failed firing 2026-11-06T00:00:00Z");
            JsonNode failure = all.get(3);
            assertThat(failure.get("channel").asText()).isEqualTo("webhook");
            assertThat(failure.get("detail").asText()).isEqualTo("HTTP 503 from http://127.0.0.1:9/hook");
            assertThat(failure.get("from").asText()).isEqualTo("pending");
            assertThat(failure.get("rule").asText()).isEqualTo("slow");
            assertThat(failure.get("condition").asText()).isEqualTo("delta.mean > 20");
            assertThat(failure.get("segment").toString()).isEqualTo("{\"country\":\"de\"}");
            assertThat(failure.get("window").toString())
                    .isEqualTo("{\"start\":\"2026-11-04T00:00:00Z\",\"end\":\"2026-11-05T00:00:00Z\"}");
            assertThat(failure.get("values").toString()).isEqualTo("{\"delta.mean\":25.5,\"value.p99\":null}");
            assertThat(all.get(0).has("channel")).isFalse();

            assertThat(parse(store.alertEvents("m", null, 100))).hasSize(3);
            assertThat(parse(store.alertEvents(null, Instant.parse("2026-11-05T12:00:00Z"), 100)))
                    .extracting(e -> e.get("monitor").asText()).containsExactly("n", "m", "m");
            assertThat(parse(store.alertEvents("m", null, 2))).extracting(e -> e.get("kind").asText())
                    .containsExactly("transition", "delivery_failed");
        }
    }

    @Test
    void aCheckpointIsReplacedLoadedAndDeleted() throws SQLException {
        try (ResultStore store = open()) {
            assertThat(store.loadCheckpoint("m")).isEmpty();

            byte[] big = new byte[100_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            store.saveCheckpoint("m", "fp-1", big);
            store.saveCheckpoint("other", "fp-x", new byte[] {9});
            big[0] = 42; // the store keeps its own copy
            StoredCheckpoint first = store.loadCheckpoint("m").orElseThrow();
            assertThat(first.fingerprint()).isEqualTo("fp-1");
            assertThat(first.writtenAt()).isEqualTo(CLOCK.instant());
            assertThat(first.data()).hasSize(100_000).startsWith(0, 1, 2).endsWith((byte) 99_999);

            store.saveCheckpoint("m", "fp-2", new byte[] {1, 2, 3});
            StoredCheckpoint second = store.loadCheckpoint("m").orElseThrow();
            assertThat(second.fingerprint()).isEqualTo("fp-2");
            assertThat(second.data()).containsExactly(1, 2, 3);

            store.deleteCheckpoint("m");
            store.deleteCheckpoint("never-saved");
            assertThat(store.loadCheckpoint("m")).isEmpty();
            assertThat(store.loadCheckpoint("other").orElseThrow().data()).containsExactly(9);
        }
        assertThat(count("SELECT COUNT(*) FROM checkpoints")).isEqualTo(1);
    }

    @Test
    void aReaderSeesEitherTheOldOrTheNewCheckpointNeverAMix() throws Exception {
        try (ResultStore writer = open(); ResultStore reader = open()) {
            writer.saveCheckpoint("m", "v0", payload(0));
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<List<String>> mismatches = CompletableFuture.supplyAsync(() -> {
                List<String> seen = new ArrayList<>();
                for (int reads = 0; reads < 2_000 && !done.get(); reads++) {
                    StoredCheckpoint c = reader.loadCheckpoint("m").orElseThrow();
                    int version = Integer.parseInt(c.fingerprint().substring(1));
                    if (!java.util.Arrays.equals(c.data(), payload(version))) {
                        seen.add(c.fingerprint());
                    }
                }
                return seen;
            });
            for (int v = 1; v <= 200; v++) {
                writer.saveCheckpoint("m", "v" + v, payload(v));
            }
            done.set(true);

            assertThat(mismatches.get()).isEmpty();
            assertThat(reader.loadCheckpoint("m").orElseThrow().fingerprint()).isEqualTo("v200");
        }
    }

    /** A checkpoint body whose size and content depend on its version. */
    private static byte[] payload(int version) {
        byte[] data = new byte[1000 + version * 37];
        java.util.Arrays.fill(data, (byte) version);
        return data;
    }

    @Test
    void retentionPrunesResultsWhoseWindowEndedBeforeTheCutOff() {
        // Windows end on Nov 2, 3, 4 and 5; the clock says Nov 10 and retention is 7 days: cut-off Nov 3.
        try (ResultStore store = open()) {
            for (String start : List.of("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04")) {
                store.saveResults(List.of(day("m", "a", Map.of(), start + "T00:00:00Z", 1)));
            }
        }
        try (ResultStore store = ResultStore.open(config(Duration.ofDays(7)), dir.resolve("data"), CLOCK)) {
            assertThat(store.results("m", null, null, 100)).extracting(b -> b.substring(b.indexOf("\"window\""),
                    b.indexOf("\"scope\""))).containsExactly(
                    "\"window\":{\"start\":\"2026-11-02T00:00:00Z\",\"end\":\"2026-11-03T00:00:00Z\"},",
                    "\"window\":{\"start\":\"2026-11-03T00:00:00Z\",\"end\":\"2026-11-04T00:00:00Z\"},",
                    "\"window\":{\"start\":\"2026-11-04T00:00:00Z\",\"end\":\"2026-11-05T00:00:00Z\"},");
            assertThat(store.pruneResultsBefore(Instant.parse("2026-11-04T00:00:01Z"))).isEqualTo(2);
            assertThat(store.pruneResultsBefore(Instant.parse("2026-11-04T00:00:01Z"))).isZero();
            assertThat(store.results("m", null, null, 100)).hasSize(1);
        }
    }

    @Test
    void theSinkSavesEachWindowAndLeavesTheStoreOpen() {
        WindowResult a = day("m", "a", Map.of(), "2026-11-01T00:00:00Z", 1);
        WindowResult b = day("m", "b", Map.of(), "2026-11-01T00:00:00Z", 2);
        try (ResultStore store = open()) {
            StoreSink sink = new StoreSink(store);
            sink.accept(List.of(a, b));
            sink.accept(List.of());
            sink.close();

            assertThat(store.results("m", null, null, 10)).containsExactly(json(a, b));
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        ResultStore store = open();
        store.close();
        store.close();

        assertThatThrownBy(store::monitors).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the results store at jdbc:").hasMessageEndingWith(" is closed");
    }

    static String[] json(WindowResult... results) {
        return java.util.Arrays.stream(results).map(JsonlSink::toJson).toArray(String[]::new);
    }

    static List<JsonNode> parse(List<String> bodies) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String b : bodies) {
            nodes.add(JSON.readTree(b));
        }
        return nodes;
    }
}
