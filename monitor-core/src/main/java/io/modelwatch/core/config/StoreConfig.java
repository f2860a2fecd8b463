package io.modelwatch.core.config;

import java.time.Duration;

/**
 * The results history: every evaluated result, alert transition and checkpoint.
 *
 * @param enabled on by default
 * @param url a JDBC URL; default {@code jdbc:sqlite:<data-dir>/modelwatch.db} (no server to start);
 *     {@code jdbc:postgresql://host:5432/db} for PostgreSQL
 * @param user the database user (PostgreSQL), often {@code ${ENV}}
 * @param password the database password, often {@code ${ENV}}
 * @param retention results older than this (by window end) are pruned at start and after each
 *     checkpoint; none by default (keep everything)
 */
public record StoreConfig(Boolean enabled, String url, String user, String password, Duration retention) {
    public StoreConfig {
        enabled = enabled == null || enabled;
    }
}
