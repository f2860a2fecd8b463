package io.modelwatch.core.store;

import static java.util.Objects.requireNonNull;

import io.modelwatch.core.alert.AlertTransition;
import io.modelwatch.core.config.StoreConfig;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.JsonlSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The results history in a JDBC database: every evaluated window (its JSON line, keyed by monitor,
 * metric, segment, scope and window), every alert transition and failed alert delivery, and the
 * latest checkpoint of each monitor. SQLite ({@code <data-dir>/modelwatch.db}) by default,
 * PostgreSQL when {@code store.url} says so; the schema is created and upgraded by migrations when
 * the store is opened.
 *
 * <p>A result saved again for the same key (a window evaluated again after a restart) replaces
 * the stored one, so the history never holds a window twice. Each call that writes is one
 * transaction.
 *
 * <p>Thread-safe: calls are serialised on one connection. A connection the database dropped (a
 * server restart, a network cut) is replaced at the next call. Results and alert events that
 * cannot be written while the database is unreachable wait in memory, in order, and are written
 * first by the next call that gets through (retried with a backoff of 1 s doubling to 60 s, and always before a checkpoint, in
 * the checkpoint's transaction, so a checkpoint never counts results that are not stored); past
 * {@value #MAX_PENDING_RESULTS} waiting results, saving fails (past {@value #MAX_PENDING_EVENTS} alert
 * events, the oldest are dropped). Times are kept at millisecond
 * precision. Failures are {@link StoreException}s whose message names the database and what to try.
 */
public final class ResultStore implements AutoCloseable {
    /** The default SQLite file in the data folder. */
    public static final String DEFAULT_FILE = "modelwatch.db";
    private static final String MIGRATIONS = "classpath:io/modelwatch/core/store/migration";
    /** Flyway's own table; a name of ours, so that it cannot clash with an application's Flyway in a shared database. */
    private static final String SCHEMA_HISTORY = "modelwatch_schema_history";

    private static final String UPSERT_RESULT = "INSERT INTO results (monitor, metric, type, model, segment, scope,"
            + " window_start, window_end, stored_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (monitor, metric, segment, scope, window_start, window_end) DO UPDATE SET"
            + " type = excluded.type, model = excluded.model, stored_at = excluded.stored_at, body = excluded.body";
    private static final String INSERT_ALERT_EVENT = "INSERT INTO alert_events (kind, monitor, metric, segment, rule,"
            + " from_state, to_state, window_start, window_end, occurred_at, channel, detail, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_CHECKPOINT = "INSERT INTO checkpoints (monitor, fingerprint, written_at, data)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (monitor) DO UPDATE SET fingerprint = excluded.fingerprint,"
            + " written_at = excluded.written_at, data = excluded.data";

    /** How many results may wait in memory while the database is unreachable. */
    static final int MAX_PENDING_RESULTS = 100_000;
    /** How many alert events may wait; beyond, the oldest are dropped (with a warning). */
    static final int MAX_PENDING_EVENTS = 10_000;
    private static final long FIRST_BACKOFF_MILLIS = 1_000;
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultStore.class);

    private final String url;
    private final Clock clock;
    private final ConnectionFactory connections;
    /** The open connection; null after the database dropped it, until the next call reconnects. */
    private Connection connection;
    private boolean closed;
    /** Windows of results not yet written, oldest first, and how many results they hold. */
    private final java.util.ArrayDeque<List<WindowResult>> pending = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<AlertEvent> pendingEvents = new java.util.ArrayDeque<>();
    private int pendingResults;
    private long retryAt = Long.MIN_VALUE;
    private long backoff = FIRST_BACKOFF_MILLIS;
    private Instant unreachableSince;
    private int maxPendingResults = MAX_PENDING_RESULTS;

    private ResultStore(String url, Connection connection, ConnectionFactory connections, Clock clock) {
        this.url = url;
        this.connection = connection;
        this.connections = connections;
        this.clock = clock;
    }

    /** Opens the store of a configuration with the system clock; see {@link #open(StoreConfig, Path, Clock)}. */
    public static ResultStore open(StoreConfig config, Path dataDir) {
        return open(config, dataDir, Clock.systemUTC());
    }

    /**
     * Opens the store of a configuration: connects, runs the migrations the database lacks, and
     * prunes results older than {@code store.retention} (by window end, relative to {@code clock}).
     * Whether the store is enabled is the caller's decision.
     *
     * @param config the {@code store} section; without a URL, {@code jdbc:sqlite:<dataDir>/modelwatch.db}
     *     (the folder is created)
     * @param dataDir the configuration's data folder
     * @param clock gives {@code stored_at}, checkpoint times and the retention cut-off
     * @throws StoreException when the URL is not a supported database, or the database cannot be
     *     reached or migrated
     */
    public static ResultStore open(StoreConfig config, Path dataDir, Clock clock) {
        requireNonNull(config, "config is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(clock, "clock is null");
        String url = url(config, dataDir);
        String shown = Dialect.redact(url);
        Dialect dialect = Dialect.of(url).orElseThrow(() -> new StoreException("store.url '" + shown
                + "' is not a supported database: write jdbc:sqlite:FILE for a SQLite file, or"
                + " jdbc:postgresql://HOST:PORT/DATABASE for PostgreSQL (or remove store.url to use <data-dir>/"
                + DEFAULT_FILE + ")", null));
        if (config.url() == null || config.url().isBlank()) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new StoreException("cannot create the data folder " + dataDir + " for the results store ("
                        + e + "). Check the permissions, or set data-dir or store.url", e);
            }
        }
        ConnectionFactory connections = new ConnectionFactory(url,
                dialect.connectionProperties(config.user(), config.password()));
        Connection connection;
        try {
            connection = connections.getConnection();
        } catch (SQLException e) {
            Path folder = Dialect.sqliteFile(url).map(f -> f.toAbsolutePath().getParent()).orElse(null);
            String missing = folder != null && !Files.isDirectory(folder) ? " (the folder " + folder
                    + " does not exist)" : "";
            throw new StoreException("cannot open the results store at " + shown + ": " + e.getMessage() + missing
                    + ". " + dialect.hint(), e);
        }
        try {
            migrate(connections, dialect);
            connection.setAutoCommit(false);
        } catch (FlywayException | SQLException e) {
            closeQuietly(connection, e);
            throw new StoreException("cannot prepare the results store at " + shown + " (creating or upgrading its"
                    + " tables failed): " + rootMessage(e) + ". " + dialect.hint(), e);
        }
        ResultStore store = new ResultStore(shown, connection, connections, clock);
        if (config.retention() != null) {
            try {
                store.pruneResultsBefore(clock.instant().minus(config.retention()));
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        return store;
    }

    /**
     * Returns why a configuration's {@code store.url} cannot work (not a database the store
     * supports), or empty; {@code validate} reports it before anything runs.
     */
    public static Optional<String> urlProblem(StoreConfig config) {
        if (!config.enabled() || config.url() == null || config.url().isBlank()) {
            return Optional.empty();
        }
        if (Dialect.of(config.url().strip()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("'" + Dialect.redact(config.url().strip()) + "' is not a supported database: write"
                + " jdbc:sqlite:FILE for a SQLite file, or jdbc:postgresql://HOST:PORT/DATABASE for PostgreSQL (or remove"
                + " store.url to use <data-dir>/" + DEFAULT_FILE + ")");
    }

    /** Returns the JDBC URL a configuration's store uses. */
    public static String url(StoreConfig config, Path dataDir) {
        if (config.url() == null || config.url().isBlank()) {
            return "jdbc:sqlite:" + dataDir.toAbsolutePath().normalize().resolve(DEFAULT_FILE);
        }
        return config.url().strip();
    }

    /**
     * Returns the SQLite file a configuration's store uses (relative paths in {@code store.url} are
     * taken against the working directory, as SQLite does: resolve them first with
     * {@link StoreConfig#resolvedAgainst}), or empty for a server database.
     */
    public static Optional<Path> databaseFile(StoreConfig config, Path dataDir) {
        return Dialect.sqliteFile(url(config, dataDir));
    }

    private static void migrate(ConnectionFactory connections, Dialect dialect) {
        Flyway.configure(ResultStore.class.getClassLoader())
                .dataSource(connections)
                .locations(MIGRATIONS)
                .table(SCHEMA_HISTORY)
                .placeholders(dialect.placeholders())
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** The database's JDBC URL, with any password hidden. */
    public String url() {
        return url;
    }

    /**
     * Saves the results of one evaluated window in one transaction; a result whose (monitor, metric,
     * segment, scope, window) is already stored replaces it. The body stored is
     * {@link JsonlSink#toJson(WindowResult)}.
     */
    public void saveResults(List<WindowResult> window) {
        requireNonNull(window, "window is null");
        if (window.isEmpty()) {
            return;
        }
        synchronized (this) {
            checkOpen();
            pending.add(List.copyOf(window));
            pendingResults += window.size();
            writeOrWait("save results of " + window.get(0).monitor(), this::checkPendingLimit, () -> {
                pending.removeLast();
                pendingResults -= window.size();
            });
        }
    }

    /**
     * Writes everything waiting, the item just queued last, in one transaction; or, while the
     * database is unreachable (and during the retry backoff), leaves it waiting and applies
     * {@code bound} (with the failure, or null in the backoff).
     *
     * @param withdraw takes the item just queued back out when the database refused it: waiting
     *     would not help, and the refusal is thrown
     */
    private void writeOrWait(String what, java.util.function.Consumer<StoreException> bound, Runnable withdraw) {
        if (pending.size() + pendingEvents.size() > 1 && clock.millis() < retryAt) {
            bound.accept(null);
            return;
        }
        try {
            inTransaction(what, c -> {
                writePending(c);
                return null;
            });
            pendingWritten();
        } catch (StoreUnreachableException e) {
            unreachable(e);
            bound.accept(e);
        } catch (StoreException e) {
            withdraw.run();
            throw e;
        }
    }

    /** Sets how many results may wait in memory (for tests; {@value #MAX_PENDING_RESULTS} otherwise). */
    synchronized void maxPendingResults(int limit) {
        maxPendingResults = limit;
    }

    /** Returns how many results wait in memory for the database to be reachable again. */
    public synchronized int pendingResults() {
        return pendingResults;
    }

    /** Writes the waiting results and alert events (oldest first) on a connection, inside its transaction. */
    private void writePending(Connection c) throws SQLException {
        if (!pendingEvents.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(INSERT_ALERT_EVENT)) {
                for (AlertEvent e : pendingEvents) {
                    writeEvent(s, e);
                }
                s.executeBatch();
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        long now = clock.millis();
        try (PreparedStatement s = c.prepareStatement(UPSERT_RESULT)) {
            for (List<WindowResult> window : pending) {
                for (WindowResult r : window) {
                    s.setString(1, r.monitor());
                    s.setString(2, r.metric());
                    s.setString(3, r.type());
                    s.setString(4, r.model());
                    s.setString(5, StoreJson.segment(r.segment()));
                    s.setString(6, r.scope());
                    s.setLong(7, r.windowStart().toEpochMilli());
                    s.setLong(8, r.windowEnd().toEpochMilli());
                    s.setLong(9, now);
                    s.setString(10, JsonlSink.toJson(r));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** After the waiting results and alert events were committed. */
    private void pendingWritten() {
        if (unreachableSince != null) {
            LOG.info("store: the results store at {} is reachable again; wrote the {} results of {} windows and the {}"
                    + " alert events that waited since {}", url, pendingResults, pending.size(), pendingEvents.size(),
                    unreachableSince);
            unreachableSince = null;
        }
        pendingEvents.clear();
        pending.clear();
        pendingResults = 0;
        backoff = FIRST_BACKOFF_MILLIS;
        retryAt = Long.MIN_VALUE;
    }

    private void unreachable(StoreException e) {
        long now = clock.millis();
        if (unreachableSince == null) {
            unreachableSince = clock.instant();
            LOG.warn("store: {}; keeping results in memory (up to {}) and retrying", e.getMessage(), maxPendingResults);
        }
        retryAt = now + backoff;
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }

    private void checkPendingLimit(StoreException cause) {
        if (pendingResults > maxPendingResults) {
            throw new StoreException("the results store at " + url + " has been unreachable since " + unreachableSince
                    + " and " + pendingResults + " results are waiting, more than the " + maxPendingResults
                    + " kept in memory" + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
    }

    /**
     * Returns stored results of a monitor as their JSON lines, ordered by window start, metric,
     * segment and scope: the latest {@code limit} of those that match.
     *
     * @param metric only this metric (its name in the monitor); null for all
     * @param since only windows that start at or after this; null for all
     * @param limit at most this many (the latest), at least 1
     */
    public List<String> results(String monitor, String metric, Instant since, int limit) {
        requireNonNull(monitor, "monitor is null");
        checkLimit(limit);
        StringBuilder where = new StringBuilder(" WHERE monitor = ?");
        if (metric != null) {
            where.append(" AND metric = ?");
        }
        if (since != null) {
            where.append(" AND window_start >= ?");
        }
        String sql = "SELECT body FROM (SELECT body, window_start, metric, segment, scope FROM results" + where
                + " ORDER BY window_start DESC, metric DESC, segment DESC, scope DESC LIMIT ?) latest"
                + " ORDER BY window_start, metric, segment, scope";
        return inTransaction("read results of " + monitor, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, monitor);
                if (metric != null) {
                    s.setString(i++, metric);
                }
                if (since != null) {
                    s.setLong(i++, since.toEpochMilli());
                }
                s.setInt(i, limit);
                return strings(s);
            }
        });
    }

    /** Returns the monitors that have stored results, sorted. */
    public List<String> monitors() {
        return inTransaction("list monitors", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT monitor FROM results ORDER BY monitor")) {
                return strings(s);
            }
        });
    }

    /** Returns the metrics of a monitor that have stored results, sorted. */
    public List<String> metrics(String monitor) {
        requireNonNull(monitor, "monitor is null");
        return inTransaction("list metrics of " + monitor, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT metric FROM results WHERE monitor = ? ORDER BY metric")) {
                s.setString(1, monitor);
                return strings(s);
            }
        });
    }

    /** Saves an alert transition as an event of kind {@code transition}. */
    public void saveAlertTransition(AlertTransition transition) {
        saveAlertEvent("transition", transition, null, null);
    }

    /**
     * Saves a failed delivery of an alert transition as an event of kind {@code delivery_failed}.
     *
     * @param channel the channel that failed, such as {@code webhook}
     * @param detail why it failed
     */
    public void saveDeliveryFailure(AlertTransition transition, String channel, String detail) {
        requireNonNull(channel, "channel is null");
        saveAlertEvent("delivery_failed", transition, channel, detail);
    }

    /** An alert event not yet written. */
    private record AlertEvent(String kind, AlertTransition t, String channel, String detail, Instant at, String body) {
    }

    private void saveAlertEvent(String kind, AlertTransition t, String channel, String detail) {
        requireNonNull(t, "transition is null");
        Instant at = Instant.ofEpochMilli((t.at() == null ? clock.instant() : t.at()).toEpochMilli());
        String body = StoreJson.alertEvent(kind, t, at, channel, detail);
        synchronized (this) {
            checkOpen();
            pendingEvents.add(new AlertEvent(kind, t, channel, detail, at, body));
            writeOrWait("save an alert event of " + t.monitor(), e -> dropOldEvents(), pendingEvents::removeLast);
        }
    }

    /** Keeps at most {@value #MAX_PENDING_EVENTS} waiting alert events, dropping the oldest with a warning. */
    private void dropOldEvents() {
        if (pendingEvents.size() > MAX_PENDING_EVENTS) {
            AlertEvent dropped = pendingEvents.removeFirst();
            LOG.warn("store: more than {} alert events wait for the results store at {}; dropped the oldest ({} of {})",
                    MAX_PENDING_EVENTS, url, dropped.kind(), dropped.t().monitor());
        }
    }

    private static void writeEvent(PreparedStatement s, AlertEvent e) throws SQLException {
        AlertTransition t = e.t();
        s.setString(1, e.kind());
        s.setString(2, t.monitor());
        s.setString(3, t.metric());
        s.setString(4, StoreJson.segment(t.segment()));
        s.setString(5, t.rule());
        s.setString(6, t.from());
        s.setString(7, t.to());
        setMillis(s, 8, t.windowStart());
        setMillis(s, 9, t.windowEnd());
        s.setLong(10, e.at().toEpochMilli());
        s.setString(11, e.channel());
        s.setString(12, e.detail());
        s.setString(13, e.body());
        s.addBatch();
    }

    /**
     * Returns alert events as JSON objects ({@code kind}, the transition's fields, and for a failed
     * delivery {@code channel} and {@code detail}) in the order they happened: the latest
     * {@code limit} of those that match.
     *
     * @param monitor only this monitor's; null for all
     * @param since only events at or after this; null for all
     * @param limit at most this many (the latest), at least 1
     */
    public List<String> alertEvents(String monitor, Instant since, int limit) {
        checkLimit(limit);
        List<String> conditions = new ArrayList<>();
        if (monitor != null) {
            conditions.add("monitor = ?");
        }
        if (since != null) {
            conditions.add("occurred_at >= ?");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String sql = "SELECT body FROM (SELECT body, occurred_at, id FROM alert_events" + where
                + " ORDER BY occurred_at DESC, id DESC LIMIT ?) latest ORDER BY occurred_at, id";
        return inTransaction("read alert events", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (monitor != null) {
                    s.setString(i++, monitor);
                }
                if (since != null) {
                    s.setLong(i++, since.toEpochMilli());
                }
                s.setInt(i, limit);
                return strings(s);
            }
        });
    }

    /**
     * Saves a monitor's checkpoint, replacing the previous one in the same transaction: a reader
     * sees the old checkpoint or the new one, never a mix or none.
     *
     * @param fingerprint what the states were computed for (a changed monitor must not resume from them)
     */
    public void saveCheckpoint(String monitor, String fingerprint, byte[] data) {
        requireNonNull(monitor, "monitor is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(data, "data is null");
        byte[] bytes = data.clone();
        long now = clock.millis();
        synchronized (this) {
            boolean hadPending = !pending.isEmpty() || !pendingEvents.isEmpty();
            // Waiting results go first, in the same transaction: the checkpoint's position counts them.
            inTransaction("save the checkpoint of " + monitor, c -> {
                if (hadPending) {
                    writePending(c);
                }
                try (PreparedStatement s = c.prepareStatement(UPSERT_CHECKPOINT)) {
                    s.setString(1, monitor);
                    s.setString(2, fingerprint);
                    s.setLong(3, now);
                    s.setBytes(4, bytes);
                    s.executeUpdate();
                }
                return null;
            });
            if (hadPending) {
                pendingWritten();
            }
        }
    }

    /** Returns a monitor's checkpoint, or empty when it has none. */
    public Optional<StoredCheckpoint> loadCheckpoint(String monitor) {
        requireNonNull(monitor, "monitor is null");
        return inTransaction("read the checkpoint of " + monitor, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT fingerprint, written_at, data FROM checkpoints WHERE monitor = ?")) {
                s.setString(1, monitor);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredCheckpoint(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getBytes(3)));
                }
            }
        });
    }

    /** Deletes a monitor's checkpoint, if it has one. */
    public void deleteCheckpoint(String monitor) {
        requireNonNull(monitor, "monitor is null");
        inTransaction("delete the checkpoint of " + monitor, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM checkpoints WHERE monitor = ?")) {
                s.setString(1, monitor);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes the results whose window ended before an instant (their window end is earlier), as
     * {@code store.retention} asks.
     *
     * @return how many results were deleted
     */
    public int pruneResultsBefore(Instant windowEnd) {
        requireNonNull(windowEnd, "windowEnd is null");
        return inTransaction("prune results", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM results WHERE window_end < ?")) {
                s.setLong(1, windowEnd.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    /**
     * Writes the results still waiting, if the database can be reached, and closes the connection.
     * Later calls fail; closing again does nothing.
     *
     * @throws StoreException when results that waited could not be written (they are lost), or
     *     the connection could not be closed
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        StoreException unsaved = null;
        if (!pending.isEmpty() || !pendingEvents.isEmpty()) {
            try {
                inTransaction("save the waiting results", c -> {
                    writePending(c);
                    return null;
                });
                pendingWritten();
            } catch (StoreException e) {
                unsaved = new StoreException("the results store at " + url + " is still unreachable (" + e.getMessage()
                        + "): the " + pendingResults + " results of " + pending.size() + " windows and the "
                        + pendingEvents.size() + " alert events that waited since " + unreachableSince + " are not stored", e);
            }
        }
        closed = true;
        try {
            if (connection != null) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            if (unsaved == null) {
                unsaved = new StoreException("cannot close the results store at " + url + ": " + e.getMessage(), e);
            }
        } finally {
            connection = null;
        }
        if (unsaved != null) {
            throw unsaved;
        }
    }

    /** Work on the connection inside a transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the results store at " + url + " is closed");
        }
    }

    /**
     * Runs work in a transaction. A connection the database dropped is replaced, and work that
     * failed on such a connection is tried once more on the new one.
     */
    private synchronized <T> T inTransaction(String what, Work<T> work) {
        checkOpen();
        boolean reused = connection != null;
        try {
            return attempt(work);
        } catch (SQLException e) {
            SQLException failure = e;
            boolean gone = lost(e);
            if (gone) {
                drop(e);
                if (reused) {
                    try {
                        return attempt(work);
                    } catch (SQLException again) {
                        gone = lost(again);
                        if (gone) {
                            drop(again);
                        }
                        failure = again;
                    }
                }
            }
            String message = "cannot " + what + " in the results store at " + url + ": " + failure.getMessage();
            throw gone ? new StoreUnreachableException(message, failure) : new StoreException(message, failure);
        }
    }

    private <T> T attempt(Work<T> work) throws SQLException {
        if (connection == null) {
            Connection c = connections.getConnection();
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                closeQuietly(c, e);
                throw e;
            }
            connection = c;
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
    }

    /** Whether a failure means the connection is gone (SQL state class 08), or it no longer answers. */
    private boolean lost(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        try {
            return connection == null || !connection.isValid(2);
        } catch (SQLException invalid) {
            return true;
        }
    }

    private void drop(SQLException failure) {
        if (connection != null) {
            closeQuietly(connection, failure);
            connection = null;
        }
    }

    private static List<String> strings(PreparedStatement s) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return Collections.unmodifiableList(values);
    }

    private static void setMillis(PreparedStatement s, int index, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, t.toEpochMilli());
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage().strip();
        return t == e ? message : e.getMessage().lines().findFirst().orElse("").strip() + " (" + message + ")";
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
