package io.modelwatch.core.server;

import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.JsonlSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link ServiceView} over lists in memory, for the HTTP tests; it remembers the last results query. */
final class InMemoryServiceView implements ServiceView {
    record Query(String monitor, String metric, Instant since, int limit) {
    }

    final List<MonitorInfo> monitors = new CopyOnWriteArrayList<>();
    final List<WindowResult> results = new CopyOnWriteArrayList<>();
    final List<String> alerts = new CopyOnWriteArrayList<>();
    final AtomicBoolean ready = new AtomicBoolean();
    volatile Query lastQuery;
    volatile RuntimeException failure;

    @Override
    public List<MonitorInfo> monitors() {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(monitors);
    }

    @Override
    public List<String> results(String monitor, String metric, Instant since, int limit) {
        lastQuery = new Query(monitor, metric, since, limit);
        List<String> found = new ArrayList<>();
        for (WindowResult r : results) {
            if (r.monitor().equals(monitor) && (metric == null || r.metric().equals(metric))
                    && (since == null || r.windowEnd().isAfter(since))) {
                found.add(JsonlSink.toJson(r));
            }
        }
        return List.copyOf(found.subList(Math.max(0, found.size() - limit), found.size()));
    }

    @Override
    public List<String> alerts() {
        return List.copyOf(alerts);
    }

    @Override
    public String report() {
        return io.modelwatch.core.sink.HtmlReport.render("live", List.copyOf(results), Instant.parse("2026-11-01T01:00:00Z"));
    }

    @Override
    public boolean ready() {
        return ready.get();
    }
}
