package io.modelwatch.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Collects configuration errors for one file, looking up each path's line. Not thread-safe.
 */
public final class ConfigErrors {
    private final String file;
    private final Map<String, Integer> lines;
    private final List<ConfigError> errors = new ArrayList<>();

    public ConfigErrors(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = Map.copyOf(lines);
    }

    /** Records an error at {@code path}; the line is that of the path or of its nearest parent. */
    public void add(String path, String message) {
        errors.add(new ConfigError(file, lineOf(path), path, message));
    }

    /** Records an error at a known line. */
    public void addAt(int line, String path, String message) {
        errors.add(new ConfigError(file, line, path, message));
    }

    /** Returns the line of a path or of its nearest known parent; 0 when none is known. */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Returns the errors sorted by line. */
    public List<ConfigError> errors() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ConfigError::line));
        return sorted;
    }

    /** Throws a {@link ConfigException} when any error was recorded. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors());
        }
    }

    public String file() {
        return file;
    }
}
