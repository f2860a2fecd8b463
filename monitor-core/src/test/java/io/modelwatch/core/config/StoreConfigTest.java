package io.modelwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A relative SQLite file in store.url is relative to the configuration's folder, like every other path. */
class StoreConfigTest {
    private static final Path BASE = Path.of("/etc/modelwatch");

    private static String resolved(String url) {
        return new StoreConfig(null, url, null, null, null).resolvedAgainst(BASE).url();
    }

    @Test
    void aRelativeSqliteFileIsTakenAgainstTheConfigurationFolder() {
        assertThat(resolved("jdbc:sqlite:data/history.db")).isEqualTo("jdbc:sqlite:/etc/modelwatch/data/history.db");
        assertThat(resolved("jdbc:sqlite:../var/h.db")).isEqualTo("jdbc:sqlite:/etc/var/h.db");
    }

    @Test
    void otherUrlsAreKeptAsWritten() {
        assertThat(resolved("jdbc:sqlite:/var/lib/modelwatch/h.db")).isEqualTo("jdbc:sqlite:/var/lib/modelwatch/h.db");
        assertThat(resolved("jdbc:sqlite::memory:")).isEqualTo("jdbc:sqlite::memory:");
        assertThat(resolved("jdbc:sqlite:file:h.db?mode=ro")).isEqualTo("jdbc:sqlite:file:h.db?mode=ro");
        assertThat(resolved("jdbc:postgresql://127.0.0.1:5432/test")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(resolved(null)).isNull();
    }
}
