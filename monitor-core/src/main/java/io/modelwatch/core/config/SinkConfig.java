package io.modelwatch.core.config;

/**
 * Where results go.
 *
 * @param type {@code console}, {@code jsonl} or {@code html}
 * @param path the file of a {@code jsonl} sink (default {@code <data-dir>/results.jsonl}) or of an
 *     {@code html} sink (default {@code <data-dir>/report.html})
 */
public record SinkConfig(String type, String path) {
}
