package io.modelwatch.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.core.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store on SQLite: the default file in the data folder. */
class StoreSqliteTest extends StoreContract {
    @Override
    StoreConfig config(Duration retention) {
        return new StoreConfig(null, null, null, null, retention);
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve("modelwatch.db"));
    }

    @Test
    void theDefaultIsAFileInTheDataFolderWhichIsCreated() {
        Path data = dir.resolve("nested/data");
        StoreConfig none = new StoreConfig(null, null, null, null, null);

        try (ResultStore store = ResultStore.open(none, data, CLOCK)) {
            assertThat(store.url()).isEqualTo("jdbc:sqlite:" + data.resolve("modelwatch.db"));
        }
        assertThat(data.resolve("modelwatch.db")).isRegularFile();
        assertThat(ResultStore.databaseFile(none, data)).contains(data.toAbsolutePath().resolve("modelwatch.db"));
    }

    @Test
    void aUrlNamesAnotherFile() {
        Path file = dir.resolve("elsewhere.db");
        StoreConfig config = new StoreConfig(null, "jdbc:sqlite:" + file, null, null, null);

        try (ResultStore store = ResultStore.open(config, dir.resolve("unused"), CLOCK)) {
            store.saveResults(List.of(Results.day("m", "a", java.util.Map.of(), "2026-11-01T00:00:00Z", 1)));
        }
        assertThat(file).isRegularFile();
        assertThat(dir.resolve("unused")).doesNotExist();
        assertThat(ResultStore.databaseFile(config, dir)).contains(file);
        assertThat(ResultStore.databaseFile(new StoreConfig(null, "jdbc:sqlite:file:" + file + "?mode=ro", null, null,
                null), dir)).contains(file);
        assertThat(ResultStore.databaseFile(new StoreConfig(null, "jdbc:postgresql://127.0.0.1/x", null, null, null),
                dir)).isEmpty();
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedWithWhatToCheck() throws IOException {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are not the tables you are looking for\n".repeat(100));
        StoreConfig config = new StoreConfig(null, "jdbc:sqlite:" + file, null, null, null);

        assertThatThrownBy(() -> ResultStore.open(config, dir, CLOCK)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the results store at jdbc:sqlite:" + file + ": ")
                .hasMessageContaining("not a database")
                .hasMessageEndingWith("Check that the file's folder exists and is writable, and that the file is a"
                        + " SQLite database (or remove store.url to use <data-dir>/modelwatch.db).");
    }

    @Test
    void aFileInAMissingFolderIsReportedWithWhatToCheck() {
        Path file = dir.resolve("no/such/folder/x.db");
        StoreConfig config = new StoreConfig(null, "jdbc:sqlite:" + file, null, null, null);

        assertThatThrownBy(() -> ResultStore.open(config, dir, CLOCK)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the results store at jdbc:sqlite:" + file + ": ")
                .hasMessageContaining(" (the folder " + file.getParent() + " does not exist). ")
                .hasMessageEndingWith("Check that the file's folder exists and is writable, and that the file is a"
                        + " SQLite database (or remove store.url to use <data-dir>/modelwatch.db).");
    }

    @Test
    void anUnsupportedDatabaseIsNamedWithTheChoices() {
        StoreConfig config = new StoreConfig(null, "jdbc:mysql://db/x?user=a&password=secret", null, null, null);

        assertThatThrownBy(() -> ResultStore.open(config, dir, CLOCK)).isInstanceOf(StoreException.class)
                .hasMessage("store.url 'jdbc:mysql://db/x?user=a&password=***' is not a supported database: write"
                        + " jdbc:sqlite:FILE for a SQLite file, or jdbc:postgresql://HOST:PORT/DATABASE for PostgreSQL"
                        + " (or remove store.url to use <data-dir>/modelwatch.db)");
    }
}
