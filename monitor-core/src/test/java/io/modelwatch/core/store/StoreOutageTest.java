package io.modelwatch.core.store;

import static io.modelwatch.core.store.Results.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.core.config.StoreConfig;
import io.modelwatch.core.kernel.MutableClock;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.JsonlSink;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store while PostgreSQL is away: the connection runs through a proxy the test cuts and
 * restores. Results saved meanwhile wait and are written when the server is back, a checkpoint
 * writes them in its own transaction, and nothing is written twice or lost.
 */
@EnabledIfEnvironmentVariable(named = PostgresSchema.URL_VARIABLE, matches = ".+",
        disabledReason = "needs a PostgreSQL server: set MODELWATCH_TEST_POSTGRES_URL, such as"
                + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres (.ci/run does)")
class StoreOutageTest {
    @TempDir
    Path dir;

    private PostgresSchema schema;
    private TcpProxy proxy;
    /** Moved by the tests, for the retry backoff. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T00:00:00Z"));

    @BeforeEach
    void setUp() throws Exception {
        schema = PostgresSchema.create();
        URI server = URI.create(schema.url().substring("jdbc:".length()));
        proxy = new TcpProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        schema.close();
    }

    private ResultStore open() {
        String url = schema.url().replaceFirst("^jdbc:postgresql://[^/]*/", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/");
        return ResultStore.open(new StoreConfig(null, url, null, null, null), dir, clock);
    }

    private static WindowResult window(int day) {
        return day("m", "latency", Map.of(), "2026-11-%02dT00:00:00Z".formatted(day), day);
    }

    private static List<String> json(WindowResult... results) {
        List<String> out = new ArrayList<>();
        for (WindowResult r : results) {
            out.add(JsonlSink.toJson(r));
        }
        return out;
    }

    @Test
    void resultsSavedWhileTheServerIsAwayAreWrittenWhenItIsBack() throws Exception {
        try (ResultStore store = open()) {
            store.saveResults(List.of(window(1)));
            proxy.stop();

            store.saveResults(List.of(window(2)));
            clock.advance(Duration.ofSeconds(5));
            store.saveResults(List.of(window(3)));
            assertThat(store.pendingResults()).isEqualTo(2);

            proxy.start();
            // Still in the backoff after the failed retry: kept without trying.
            store.saveResults(List.of(window(4)));
            assertThat(store.pendingResults()).isEqualTo(3);
            clock.advance(Duration.ofSeconds(5));
            store.saveResults(List.of(window(5)));

            assertThat(store.pendingResults()).isZero();
            assertThat(store.results("m", null, null, 100)).containsExactlyElementsOf(
                    json(window(1), window(2), window(3), window(4), window(5)));
        }
    }

    @Test
    void aCheckpointWritesTheWaitingResultsInItsTransactionOrNothing() throws Exception {
        try (ResultStore store = open()) {
            store.saveResults(List.of(window(1)));
            proxy.stop();
            store.saveResults(List.of(window(2)));

            assertThatThrownBy(() -> store.saveCheckpoint("m", "f", new byte[] {1}))
                    .isInstanceOf(StoreUnreachableException.class).hasMessageContaining("save the checkpoint of m");
            assertThat(store.pendingResults()).isEqualTo(1);

            proxy.start();
            // No backoff for a checkpoint: it must not count results that are not stored.
            store.saveCheckpoint("m", "f", new byte[] {2});

            assertThat(store.pendingResults()).isZero();
            assertThat(store.results("m", null, null, 100)).containsExactlyElementsOf(json(window(1), window(2)));
            assertThat(store.loadCheckpoint("m").orElseThrow().data()).containsExactly(2);
        }
    }

    @Test
    void closingWritesWhatWaitsOrSaysWhatIsLost() throws Exception {
        ResultStore store = open();
        proxy.stop();
        store.saveResults(List.of(window(1)));
        proxy.start();
        store.close();
        try (ResultStore reopened = open()) {
            assertThat(reopened.results("m", null, null, 100)).containsExactlyElementsOf(json(window(1)));
        }

        ResultStore lost = open();
        proxy.stop();
        lost.saveResults(List.of(window(2), window(3)));
        assertThatThrownBy(lost::close).isInstanceOf(StoreException.class)
                .hasMessageContaining("is still unreachable")
                .hasMessageContaining("the 2 results of 1 windows and the 0 alert events that waited since"
                        + " 2026-11-10T00:00:00Z are not stored");
    }

    @Test
    void alertEventsWaitWithTheResults() throws Exception {
        try (ResultStore store = open()) {
            proxy.stop();
            store.saveAlertTransition(Results.transition("m", "inactive", "firing", "2026-11-10T00:00:00Z"));
            store.saveResults(List.of(window(1)));
            store.saveDeliveryFailure(Results.transition("m", "inactive", "firing", "2026-11-10T00:00:00Z"), "webhook",
                    "HTTP 503");
            proxy.start();
            clock.advance(Duration.ofSeconds(5));
            store.saveAlertTransition(Results.transition("m", "firing", "resolved", "2026-11-10T01:00:00Z"));

            assertThat(store.pendingResults()).isZero();
            assertThat(store.results("m", null, null, 100)).containsExactlyElementsOf(json(window(1)));
            assertThat(store.alertEvents("m", null, 100)).hasSize(3).satisfies(events -> {
                assertThat(events.get(0)).contains("\"kind\":\"transition\"", "\"to\":\"firing\"");
                assertThat(events.get(1)).contains("\"kind\":\"delivery_failed\"", "HTTP 503");
                assertThat(events.get(2)).contains("\"to\":\"resolved\"");
            });
        }
    }

    @Test
    void tooManyWaitingResultsFailTheSave() throws SQLException, java.io.IOException {
        try (ResultStore store = open()) {
            store.maxPendingResults(1000);
            proxy.stop();
            List<WindowResult> big = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                big.add(day("m", "latency", Map.of("i", Integer.toString(i)), "2026-11-01T00:00:00Z", i));
            }
            store.saveResults(big);

            assertThatThrownBy(() -> store.saveResults(List.of(window(2)))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("has been unreachable since 2026-11-10T00:00:00Z and 1001 results are waiting,"
                            + " more than the 1000 kept in memory");
            proxy.start();
            clock.advance(Duration.ofMinutes(2));
            store.saveResults(List.of(window(3)));
            assertThat(store.pendingResults()).isZero();
            assertThat(store.results("m", null, null, 200_000)).hasSize(1002);
        }
    }

    @Test
    void aDatabaseErrorIsNotKeptForLater() throws Exception {
        try (ResultStore store = open();
             java.sql.Connection c = schema.connect();
             java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE results ADD CONSTRAINT no_day_two CHECK (window_start <> "
                    + Instant.parse("2026-11-02T00:00:00Z").toEpochMilli() + ")");

            assertThatThrownBy(() -> store.saveResults(List.of(window(2)))).isInstanceOf(StoreException.class)
                    .isNotInstanceOf(StoreUnreachableException.class).hasMessageContaining("no_day_two");
            assertThat(store.pendingResults()).isZero();
            store.saveResults(List.of(window(3)));
            assertThat(store.results("m", null, null, 100)).containsExactlyElementsOf(json(window(3)));
        }
    }
}
