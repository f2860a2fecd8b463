package io.modelwatch.core.kernel;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.core.config.ConfigErrors;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.PluginManager;
import io.modelwatch.core.source.JsonlSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Test support: builds monitors the way the CLI does (YAML text → {@link ConfigLoader} →
 * {@link PlanBuilder} against a {@link PluginManager} with the core plugin installed), runs them
 * on an {@link Engine} with an injected clock and waiter, and collects every result.
 */
final class KernelHarness {
    /** 2026-11-01T00:00:00Z, the start of the demo week. */
    static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-10T00:00:00Z"), ZoneOffset.UTC);

    final Path dir;
    final PluginManager plugins = new PluginManager();

    KernelHarness(Path dir, MonitorPlugin... extra) {
        this.dir = requireNonNull(dir, "dir is null");
        plugins.install(new CorePlugin());
        for (MonitorPlugin p : extra) {
            plugins.install(p);
        }
    }

    /** Builds the monitors of a YAML text; fails the test with every configuration error. */
    List<MonitorPlan> plans(String yaml) {
        ConfigLoader.Loaded loaded = new ConfigLoader(name -> null).parse(yaml, dir.resolve("modelwatch.yaml"));
        ConfigErrors errors = loaded.errors();
        List<MonitorPlan> plans = new PlanBuilder(plugins.registry()).build(loaded.config(), errors, dir);
        errors.throwIfAny();
        return plans;
    }

    /** What a run returned and emitted. */
    record Run(List<MonitorStats> stats, List<List<WindowResult>> windows) {
        /** Results of one metric, in emission order. */
        List<WindowResult> of(String metric) {
            return windows.stream().flatMap(List::stream).filter(r -> r.metric().equals(metric)).toList();
        }

        /** Results of one metric and scope, in emission order. */
        List<WindowResult> of(String metric, String scope) {
            return of(metric).stream().filter(r -> r.scope().equals(scope)).toList();
        }

        MonitorStats stats(String monitor) {
            return stats.stream().filter(s -> s.monitor().equals(monitor)).findFirst().orElseThrow();
        }

        /** Every result rendered to text, arrays included, so runs can be compared for equality. */
        List<String> rendered() {
            return windows.stream().flatMap(List::stream).map(KernelHarness::render).toList();
        }
    }

    Run run(String yaml) throws InterruptedException {
        return run(yaml, 1, FIXED, d -> {
            throw new AssertionError("a static, unfollowed run must never wait");
        });
    }

    Run run(String yaml, int shards, Clock clock, JsonlSource.Waiter waiter) throws InterruptedException {
        return run(plans(yaml), new Engine(clock, dir.resolve("data"), shards, waiter));
    }

    static Run run(List<MonitorPlan> plans, Engine engine) throws InterruptedException {
        List<List<WindowResult>> windows = Collections.synchronizedList(new ArrayList<>());
        List<MonitorStats> stats = engine.run(plans, windows::add);
        return new Run(stats, List.copyOf(windows));
    }

    /** Writes lines (each followed by a newline) to a file under the harness folder. */
    Path write(String name, List<String> lines) {
        Path p = dir.resolve(name);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static void append(Path p, List<String> lines) {
        try {
            Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the dead-letter file of a monitor as JSON objects. */
    List<Map<String, Object>> deadLetters(String monitor) throws IOException {
        Path f = dir.resolve("data").resolve("deadletter").resolve(monitor + ".jsonl");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(ConfigLoader.jsonMapper().readValue(line, Map.class));
            }
        }
        return out;
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static String render(WindowResult r) {
        return r.monitor() + "|" + r.metric() + "|" + new TreeMap<>(r.segment()) + "|" + r.windowStart() + "|"
                + r.windowEnd() + "|" + r.scope() + "|" + r.count() + "|" + r.rejected() + "|" + r.values() + "|"
                + arrays(r.intervals()) + "|" + r.baseline() + "|" + r.delta() + "|" + arrays(r.deltaIntervals()) + "|"
                + r.significant() + "|" + r.error();
    }

    private static String arrays(Map<String, double[]> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + Arrays.toString(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
