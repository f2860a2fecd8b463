package io.modelwatch.core.sink;

import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest results of a run, for an {@link HtmlReport}: at most {@value #MAX_RESULTS}, the
 * oldest dropped first, so a service that runs for months keeps a bounded page. Thread-safe.
 */
public final class ReportBuffer implements ResultSink, Preloadable {
    static final int MAX_RESULTS = 50_000;

    private final ArrayDeque<WindowResult> results = new ArrayDeque<>();

    @Override
    public synchronized void accept(List<WindowResult> window) {
        for (WindowResult r : window) {
            results.addLast(r);
            if (results.size() > MAX_RESULTS) {
                results.removeFirst();
            }
        }
    }

    @Override
    public void preload(List<WindowResult> earlier) {
        accept(earlier);
    }

    /** Keeps nothing open. */
    @Override
    public void close() {
        // Memory only.
    }

    /** Returns the page of the results kept. */
    public String render(String title, Instant generated) {
        return render(title, generated, null);
    }

    /** Returns the page of the results kept, with the active alerts (null for none) at its top. */
    public String render(String title, Instant generated, List<io.modelwatch.core.alert.AlertStatus> active) {
        List<WindowResult> copy;
        synchronized (this) {
            copy = new ArrayList<>(results);
        }
        return HtmlReport.render(title, copy, generated, active);
    }
}
