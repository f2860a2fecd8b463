package io.modelwatch.core.config;

/**
 * One problem in a configuration file.
 *
 * @param file the file, as the user named it
 * @param line the 1-based line, or 0 when unknown
 * @param path the path inside the document, such as {@code monitors[0].window.size}; empty for the whole file
 * @param message what is wrong and what to do
 */
public record ConfigError(String file, int line, String path, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
