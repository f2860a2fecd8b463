package io.modelwatch.core.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code jsonl} channel: appends each transition to a file as one JSON object per line
 * ({@link AlertJson}), flushed at once, so the file keeps the history across runs. Thread-safe.
 */
public final class JsonlChannel implements AlertChannel {
    private final Path file;
    private final Writer out;

    /**
     * Opens the file for appending, creating it and its folder.
     *
     * @throws UncheckedIOException when it cannot be opened
     */
    public JsonlChannel(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alerts to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "jsonl " + file;
    }

    @Override
    public synchronized void deliver(AlertTransition t) {
        try {
            out.write(AlertJson.toJson(t));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alerts to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
