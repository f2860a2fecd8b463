package io.modelwatch.core.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema of its own on the test PostgreSQL server ({@code MODELWATCH_TEST_POSTGRES_URL}), so
 * that tests, and runs of the suite, never see each other's tables. Dropped on {@link #close()}.
 * Public for the command-line tests.
 */
public final class PostgresSchema implements AutoCloseable {
    /** The variable that names the test server; tests that need it are skipped without it. */
    public static final String URL_VARIABLE = "MODELWATCH_TEST_POSTGRES_URL";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String serverUrl;
    private final String name;

    private PostgresSchema(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    /** Creates a new, empty schema (dropping a leftover of the same name from a crashed run). */
    public static PostgresSchema create() throws SQLException {
        String serverUrl = System.getenv(URL_VARIABLE);
        String name = "mw_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(serverUrl, name);
    }

    /** The server's URL with this schema as the current one. */
    public String url() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
