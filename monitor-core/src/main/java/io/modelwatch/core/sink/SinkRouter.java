package io.modelwatch.core.sink;

import io.modelwatch.core.config.SinkConfig;
import io.modelwatch.core.kernel.WindowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends each window's results to the top-level sinks and to the sinks of its own monitor.
 * Sinks that name the same destination (one JSON Lines file, the console) are one sink, so a file
 * several monitors write to is written by one writer, and a window that reaches the same sink both
 * from the top level and from its monitor is written once. Thread-safe; {@link #close()} closes
 * every sink.
 */
public final class SinkRouter implements ResultSink {
    private final List<ResultSink> shared;
    private final Map<String, List<ResultSink>> byMonitor;
    private final List<ResultSink> all;

    private SinkRouter(List<ResultSink> shared, Map<String, List<ResultSink>> byMonitor, List<ResultSink> all) {
        this.shared = shared;
        this.byMonitor = byMonitor;
        this.all = all;
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
        return open(top, perMonitor, baseDir, dataDir, console, false);
    }

    /**
     * Opens the sinks of a configuration; with {@code append}, JSON Lines files are continued
     * instead of truncated (a run that resumes from checkpoints).
     */
    public static SinkRouter open(List<SinkConfig> top, Map<String, List<SinkConfig>> perMonitor, Path baseDir,
                                  Path dataDir, PrintWriter console, boolean append) {
        Map<String, ResultSink> opened = new LinkedHashMap<>();
        List<ResultSink> shared = new ArrayList<>(distinct(top, opened, baseDir, dataDir, console, append));
        Map<String, List<ResultSink>> byMonitor = new HashMap<>();
        perMonitor.forEach((monitor, sinks) -> {
            Set<ResultSink> own = new LinkedHashSet<>(shared);
            own.addAll(distinct(sinks, opened, baseDir, dataDir, console, append));
            byMonitor.put(monitor, List.copyOf(own));
        });
        return new SinkRouter(List.copyOf(shared), byMonitor, List.copyOf(opened.values()));
    }

    private static Set<ResultSink> distinct(List<SinkConfig> configs, Map<String, ResultSink> opened, Path baseDir,
                                            Path dataDir, PrintWriter console, boolean append) {
        Set<ResultSink> sinks = new LinkedHashSet<>();
        for (SinkConfig c : configs) {
            switch (c.type()) {
                case "console":
                    sinks.add(opened.computeIfAbsent("console", k -> new ConsoleSink(console)));
                    break;
                case "jsonl":
                    Path file = (c.path() == null ? dataDir.resolve("results.jsonl") : baseDir.resolve(c.path()))
                            .toAbsolutePath().normalize();
                    sinks.add(opened.computeIfAbsent("jsonl:" + file, k -> new JsonlSink(file, append)));
                    break;
                case "html":
                    Path page = (c.path() == null ? dataDir.resolve("report.html") : baseDir.resolve(c.path()))
                            .toAbsolutePath().normalize();
                    sinks.add(opened.computeIfAbsent("html:" + page, k -> new HtmlSink(page, java.time.Clock.systemUTC())));
                    break;
                default:
                    throw new IllegalArgumentException("unknown sink type " + c.type());
            }
        }
        return sinks;
    }

    /** Hands a monitor's earlier results to those of its sinks that show past results ({@link Preloadable}). */
    public void preload(String monitor, List<WindowResult> earlier) {
        for (ResultSink s : byMonitor.getOrDefault(monitor, shared)) {
            if (s instanceof Preloadable p) {
                p.preload(earlier);
            }
        }
    }

    @Override
    public void accept(List<WindowResult> window) {
        if (window.isEmpty()) {
            return;
        }
        for (ResultSink s : byMonitor.getOrDefault(window.get(0).monitor(), shared)) {
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
