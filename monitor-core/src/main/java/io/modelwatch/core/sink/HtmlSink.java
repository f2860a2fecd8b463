package io.modelwatch.core.sink;

import io.modelwatch.core.kernel.WindowResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

/**
 * Writes the results of a run as one self-contained HTML page ({@link HtmlReport}). The page is
 * written when the sink closes (the end of a static run), and while a run goes on at most every
 * {@value #REWRITE_MILLIS} ms after a new window, so a long-running service keeps a current
 * page. Each write replaces the file at once (a reader never sees half a page). The page keeps
 * the latest results ({@link ReportBuffer}). Thread-safe.
 */
public final class HtmlSink implements ResultSink, Preloadable {
    static final long REWRITE_MILLIS = 10_000;

    private final Path file;
    private final Clock clock;
    private final ReportBuffer results = new ReportBuffer();
    private long lastWrite;
    private boolean changed;

    /** Creates the file's folder; the page is first written at the first window or at close. */
    public HtmlSink(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.lastWrite = clock.millis();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void accept(List<WindowResult> window) {
        results.accept(window);
        changed = true;
        if (clock.millis() - lastWrite >= REWRITE_MILLIS) {
            write();
        }
    }

    /** Takes results written before a restart; the page shows them at its next write. */
    @Override
    public synchronized void preload(List<WindowResult> earlier) {
        results.accept(earlier);
    }

    @Override
    public synchronized void close() {
        if (changed || !Files.exists(file)) {
            write();
        }
    }

    private void write() {
        String page = results.render("ModelWatch report", clock.instant());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, page, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
        lastWrite = clock.millis();
        changed = false;
    }
}
