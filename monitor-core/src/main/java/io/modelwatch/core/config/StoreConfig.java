package io.modelwatch.core.config;

import java.time.Duration;

/**
 * The results history: every evaluated result, alert transition and checkpoint.
 *
 * @param enabled on by default
 * @param url a JDBC URL; default {@code jdbc:sqlite:<data-dir>/modelwatch.db} (no server to start);
 *     {@code jdbc:postgresql://host:5432/db} for PostgreSQL; a relative SQLite file is taken against
 *     the configuration file's folder
 * @param user the database user (PostgreSQL), often {@code ${ENV}}
 * @param password the database password, often {@code ${ENV}}
 * @param retention results whose window ended longer ago than this are deleted when the store is
 *     opened (each run's start) and hourly while a service runs; none by default (keep everything)
 */
public record StoreConfig(Boolean enabled, String url, String user, String password, Duration retention) {
    public StoreConfig {
        enabled = enabled == null || enabled;
    }

    /**
     * Returns this configuration with a relative SQLite file in {@code url} taken against
     * {@code baseDir} (the configuration file's folder), as every other path of the file is.
     */
    public StoreConfig resolvedAgainst(java.nio.file.Path baseDir) {
        String prefix = "jdbc:sqlite:";
        if (url == null || !url.strip().startsWith(prefix)) {
            return this;
        }
        String file = url.strip().substring(prefix.length());
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:") || file.contains("?")
                || java.nio.file.Path.of(file).isAbsolute()) {
            return this; // in-memory, URI form or with options: as written
        }
        return new StoreConfig(enabled, prefix + baseDir.resolve(file).toAbsolutePath().normalize(), user, password,
                retention);
    }
}
