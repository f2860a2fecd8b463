package io.modelwatch.core.sink;

import io.modelwatch.core.alert.AlertStatus;
import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results an {@link HtmlReport} shows, kept so that a service that runs for months holds a
 * bounded amount: per (monitor, metric, segment) the latest {@value HtmlReport#MAX_WINDOWS}
 * windows (a window evaluated again replaces its earlier result) and the whole-input result; only
 * the latest window of each keeps its tables, the only ones the page shows; and at most
 * {@value #MAX_RESULTS} results in all, the oldest window of the longest series dropped first.
 * Thread-safe.
 */
public final class ReportBuffer implements ResultSink, Preloadable {
    static final int MAX_RESULTS = 20_000;

    /** One series: its windows by (start, end), and its whole-input result. */
    private static final class Series {
        final TreeMap<List<Instant>, WindowResult> windows = new TreeMap<>(
                (a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        WindowResult total;
    }

    private final Map<String, Series> series = new LinkedHashMap<>();
    private int size;

    @Override
    public synchronized void accept(List<WindowResult> window) {
        for (WindowResult r : window) {
            add(r);
        }
    }

    private void add(WindowResult r) {
        Series s = series.computeIfAbsent(r.monitor() + "\u0000" + r.metric() + "\u0000" + new TreeMap<>(r.segment()),
                k -> new Series());
        if ("total".equals(r.scope())) {
            size += s.total == null ? 1 : 0;
            s.total = r;
            return;
        }
        Map.Entry<List<Instant>, WindowResult> last = s.windows.lastEntry();
        if (last != null && !last.getValue().tables().isEmpty()
                && last.getValue().windowStart().isBefore(r.windowStart())) {
            s.windows.put(last.getKey(), withoutTables(last.getValue()));
        }
        WindowResult kept = last != null && r.windowStart().isBefore(last.getKey().get(0)) ? withoutTables(r) : r;
        if (s.windows.put(List.of(r.windowStart(), r.windowEnd()), kept) == null) {
            size++;
        }
        if (s.windows.size() > HtmlReport.MAX_WINDOWS) {
            s.windows.pollFirstEntry();
            size--;
        }
        while (size > MAX_RESULTS) {
            Series longest = null;
            for (Series t : series.values()) {
                if (longest == null || t.windows.size() > longest.windows.size()) {
                    longest = t;
                }
            }
            if (longest == null || longest.windows.isEmpty()) {
                break;
            }
            longest.windows.pollFirstEntry();
            size--;
        }
    }

    private static WindowResult withoutTables(WindowResult r) {
        return new WindowResult(r.monitor(), r.model(), r.metric(), r.type(), r.segment(), r.windowStart(), r.windowEnd(),
                r.scope(), r.count(), r.rejected(), r.values(), r.intervals(), r.baseline(), r.delta(), r.deltaIntervals(),
                r.significant(), Map.of(), r.error(), r.drift());
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

    /** Returns how many results are kept. */
    synchronized int size() {
        return size;
    }

    /** Returns the page of the results kept. */
    public String render(String title, Instant generated) {
        return render(title, generated, null);
    }

    /** Returns the page of the results kept, with the active alerts (null for none) at its top. */
    public String render(String title, Instant generated, List<AlertStatus> active) {
        List<WindowResult> copy = new ArrayList<>();
        synchronized (this) {
            for (Series s : series.values()) {
                copy.addAll(s.windows.values());
                if (s.total != null) {
                    copy.add(s.total);
                }
            }
        }
        return HtmlReport.render(title, copy, generated, active);
    }
}
