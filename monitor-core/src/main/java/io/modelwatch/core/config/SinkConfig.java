package io.modelwatch.core.config;

/**
 * Where results go.
 *
 * @param type {@code console} or {@code jsonl}
 * @param path the file of a {@code jsonl} sink (default {@code <data-dir>/results.jsonl})
 */
public record SinkConfig(String type, String path) {
}
