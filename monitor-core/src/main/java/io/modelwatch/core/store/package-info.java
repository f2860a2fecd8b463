/**
 * The results history: every evaluated window, alert event and checkpoint in a JDBC database
 * (a SQLite file by default, PostgreSQL when several instances share history), with its schema
 * kept by migrations that run when the store is opened.
 */
package io.modelwatch.core.store;
