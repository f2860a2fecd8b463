package io.modelwatch.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.core.config.StoreConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The store on PostgreSQL: each test in a schema of its own on the server {@code MODELWATCH_TEST_POSTGRES_URL} names. */
@EnabledIfEnvironmentVariable(named = PostgresSchema.URL_VARIABLE, matches = ".+",
        disabledReason = "needs a PostgreSQL server: set MODELWATCH_TEST_POSTGRES_URL, such as"
                + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres (.ci/run does)")
class StorePostgresTest extends StoreContract {
    private PostgresSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresSchema.create();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }

    @Override
    StoreConfig config(Duration retention) {
        return new StoreConfig(null, schema.url(), null, null, retention);
    }

    @Override
    Connection connect() throws SQLException {
        return schema.connect();
    }

    @Test
    void theTablesAreInTheConnectionsSchemaAndKeysSortInByteOrder() throws SQLException {
        try (ResultStore store = open()) {
            // In byte order '{"' sorts before '{}' and 'Z' before 'a'; a locale's collation may say otherwise.
            store.saveResults(List.of(Results.day("m", "a", Map.of(), "2026-11-01T00:00:00Z", 1),
                    Results.day("m", "a", Map.of("c", "x"), "2026-11-01T00:00:00Z", 2),
                    Results.day("m", "Z", Map.of(), "2026-11-01T00:00:00Z", 3)));

            assertThat(store.results("m", null, null, 10)).extracting(b -> b.substring(b.indexOf("\"metric\""),
                    b.indexOf(",\"window\""))).containsExactly(
                    "\"metric\":\"Z\",\"type\":\"core.latency\",\"segment\":{}",
                    "\"metric\":\"a\",\"type\":\"core.latency\",\"segment\":{\"c\":\"x\"}",
                    "\"metric\":\"a\",\"type\":\"core.latency\",\"segment\":{}");
        }
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema.name()
                        + "' ORDER BY table_name")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).containsExactly("alert_events", "checkpoints", "modelwatch_schema_history", "results");
        }
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT column_name, collation_name FROM information_schema.columns WHERE table_schema = '"
                        + schema.name() + "' AND table_name = 'results' AND column_name IN ('metric', 'segment')"
                        + " ORDER BY column_name")) {
            List<String> collations = new java.util.ArrayList<>();
            while (rs.next()) {
                collations.add(rs.getString(1) + " " + rs.getString(2));
            }
            assertThat(collations).containsExactly("metric C", "segment C");
        }
    }

    @Test
    void anUnreachableServerIsReportedWithWhatToCheckAndNoPassword() {
        StoreConfig config = new StoreConfig(null, "jdbc:postgresql://127.0.0.1:1/test?password=secret", "postgres",
                "also-secret", null);

        assertThatThrownBy(() -> ResultStore.open(config, dir, CLOCK)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the results store at jdbc:postgresql://127.0.0.1:1/test?password=***: ")
                .hasMessageContaining("Connection to 127.0.0.1:1 refused")
                .hasMessageEndingWith("Check that the PostgreSQL server is running and reachable at that host and port,"
                        + " that the database exists, and that store.user and store.password are right (or remove"
                        + " store.url to use a SQLite file in the data folder).")
                .message().doesNotContain("secret");
    }

    @Test
    void aMissingDatabaseIsReportedWithWhatToCheck() {
        String url = System.getenv(PostgresSchema.URL_VARIABLE).replaceFirst("^(jdbc:postgresql://[^/]*/)[^?]*",
                "$1mw_no_such_database");
        StoreConfig config = new StoreConfig(null, url, null, null, null);

        assertThatThrownBy(() -> ResultStore.open(config, dir, CLOCK)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the results store at " + url + ": ")
                .hasMessageContaining("mw_no_such_database")
                .hasMessageContaining("that the database exists");
    }
}
