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
    private OutputStream stream;
    /** Bytes in the file before this run appended (a restart from a checkpoint continues the file). */
    private long base;
    private boolean append;
    private long written;

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

    /**
     * Continues from a checkpoint: the count goes on from {@code count}, and the file is cut back to
     * the {@code bytes} it had then (lines written after the checkpoint are written again on replay).
     */
    void restore(long count, long bytes) throws IOException {
        this.count.set(count);
        append = true;
        if (Files.exists(file)) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE)) {
                if (ch.size() > bytes) {
                    ch.truncate(bytes);
                }
                base = ch.size();
            }
        }
    }

    /** Flushes and returns the file's length in bytes as this monitor has written it (0 when never written). */
    long flushedBytes() throws IOException {
        if (out != null) {
            out.flush();
        }
        return base + written;
    }

    void write(String source, long line, String reason, String raw) {
        count.incrementAndGet();
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                OutputStream os = append
                        ? Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)
                        : Files.newOutputStream(file);
                stream = new java.io.BufferedOutputStream(new java.io.FilterOutputStream(os) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        written += len;
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        written++;
                    }
                }, 1 << 16);
                out = JSON.createGenerator(stream);
                out.setRootValueSeparator(null);
            }
            out.writeStartObject();
            out.writeStringField("monitor", monitor);
            out.writeStringField("source", source);
            out.writeNumberField("line", line);
            out.writeStringField("reason", reason);
            out.writeStringField("raw", raw);
            out.writeEndObject();
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead-letter file " + file, e);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dead-letter file " + file, e);
            }
        }
    }
}
