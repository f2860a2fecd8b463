package io.modelwatch.core.sink;

import io.modelwatch.core.config.SinkConfig;
import io.modelwatch.core.kernel.WindowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends each window's results to the top-level sinks and to the sinks of its own monitor.
 * Thread-safe; {@link #close()} closes every sink.
 */
public final class SinkRouter implements ResultSink {
    private final List<ResultSink> shared;
    private final Map<String, List<ResultSink>> byMonitor;
    private final List<ResultSink> all = new ArrayList<>();

    private SinkRouter(List<ResultSink> shared, Map<String, List<ResultSink>> byMonitor) {
        this.shared = shared;
        this.byMonitor = byMonitor;
        all.addAll(shared);
        byMonitor.values().forEach(all::addAll);
    }

    /**
     * Opens the sinks of a configuration.
     *
     * @param top the top-level sinks (every monitor)
     * @param perMonitor monitor name → its own sinks
     * @param baseDir where relative sink paths resolve
     * @param dataDir where a jsonl sink without a path writes ({@code results.jsonl})
     * @param console where console sinks print
     */
    public static SinkRouter open(List<SinkConfig> top, Map<String, List<SinkConfig>> perMonitor, Path baseDir,
                                  Path dataDir, PrintWriter console) {
        List<ResultSink> shared = new ArrayList<>();
        for (SinkConfig c : top) {
            shared.add(create(c, baseDir, dataDir, console));
        }
        Map<String, List<ResultSink>> byMonitor = new HashMap<>();
        perMonitor.forEach((monitor, sinks) -> {
            List<ResultSink> list = new ArrayList<>();
            for (SinkConfig c : sinks) {
                list.add(create(c, baseDir, dataDir, console));
            }
            byMonitor.put(monitor, list);
        });
        return new SinkRouter(shared, byMonitor);
    }

    private static ResultSink create(SinkConfig c, Path baseDir, Path dataDir, PrintWriter console) {
        switch (c.type()) {
            case "console":
                return new ConsoleSink(console);
            case "jsonl":
                return new JsonlSink(c.path() == null ? dataDir.resolve("results.jsonl") : baseDir.resolve(c.path()));
            default:
                throw new IllegalArgumentException("unknown sink type " + c.type());
        }
    }

    @Override
    public void accept(List<WindowResult> window) {
        if (window.isEmpty()) {
            return;
        }
        for (ResultSink s : shared) {
            s.accept(window);
        }
        for (ResultSink s : byMonitor.getOrDefault(window.get(0).monitor(), List.of())) {
            s.accept(window);
        }
    }

    @Override
    public void close() {
        for (ResultSink s : all) {
            s.close();
        }
    }
}
