package io.modelwatch.core.kernel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dead-letter file of one monitor, {@code <data-dir>/deadletter/<monitor>.jsonl}: one JSON
 * object per bad line with the source, line number, reason and the raw line. Created on the
 * first bad line. Used by the monitor's reader thread; the count may be read from any thread.
 */
final class DeadLetters implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final Path file;
    private final String monitor;
    private final AtomicLong count = new AtomicLong();
    private JsonGenerator out;

    DeadLetters(Path dataDir, String monitor) {
        this.file = dataDir.resolve("deadletter").resolve(monitor + ".jsonl");
        this.monitor = monitor;
    }

    Path file() {
        return file;
    }

    long count() {
        return count.get();
    }

    void write(String source, long line, String reason, String raw) {
        count.incrementAndGet();
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                OutputStream os = Files.newOutputStream(file);
                out = JSON.createGenerator(new java.io.BufferedOutputStream(os, 1 << 16));
                out.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            }
            out.writeStartObject();
            out.writeStringField("monitor", monitor);
            out.writeStringField("source", source);
            out.writeNumberField("line", line);
            out.writeStringField("reason", reason);
            out.writeStringField("raw", raw);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead-letter file " + file, e);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.writeRaw('\n');
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dead-letter file " + file, e);
            }
        }
    }
}
