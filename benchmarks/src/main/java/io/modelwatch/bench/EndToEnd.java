package io.modelwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.kernel.Engine;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.MonitorStats;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.PluginManager;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The end-to-end harness: writes N seeded records of a workload to a JSON Lines file, runs a
 * static monitor over it through the real engine (reader, decoder, shard, windows, groups), and
 * prints records per second and peak heap, beside the raw Jackson streaming parse rate of the
 * same file (every token read, nothing kept) for comparison.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar e2e [latency|vision|recsys|nlp] [records] [groups] [runs]</pre>
 */
public final class EndToEnd {
    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        Workloads.Kind kind = Workloads.Kind.valueOf((args.length > 0 ? args[0] : "latency").toUpperCase(Locale.ROOT));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int groups = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("modelwatch-e2e");
        Path file = dir.resolve(kind.name().toLowerCase(Locale.ROOT) + ".jsonl");
        Workloads.write(kind, file, n, 42);
        Path config = dir.resolve("bench.yaml");
        Files.writeString(config, Workloads.yaml(kind, file, groups));
        System.out.printf(Locale.ROOT, "workload %s: %,d records, %,d bytes, %d groups%n", kind, n, Files.size(file), groups);

        double[] rates = new double[runs];
        double[] parses = new double[runs];
        for (int run = 1; run <= runs; run++) {
            double parse = parseRate(file, n);
            resetPeaks();
            long t0 = System.nanoTime();
            List<WindowResult> results = runOnce(config, dir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: %,.0f records/s end to end (%.2f s), peak heap %,.0f MiB;"
                            + " raw Jackson parse %,.0f records/s; ratio %.2f; %d result rows%n",
                    run, n / seconds, seconds, peakHeap() / 1048576.0, parse, n / seconds / parse, results.size());
            rates[run - 1] = n / seconds;
            parses[run - 1] = parse;
        }
        if (runs > 2) {
            // The first run includes JIT warm-up of both the engine and the raw parse.
            double rate = median(Arrays.copyOfRange(rates, 1, runs));
            double parse = median(Arrays.copyOfRange(parses, 1, runs));
            System.out.printf(Locale.ROOT, "median of runs 2..%d: %,.0f records/s end to end, raw Jackson parse %,.0f records/s;"
                    + " ratio of the medians %.2f%n", runs, rate, parse, rate / parse);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** One run of the engine: its results and the monitors' statistics. */
    public record Run(List<WindowResult> results, List<MonitorStats> stats) {
    }

    /** Runs a configuration once through the real engine, with the plugins on the class path and one shard. */
    public static Run run(Path config, Path dir) throws InterruptedException {
        PluginManager plugins = new PluginManager();
        plugins.install(new CorePlugin());
        for (MonitorPlugin p : ServiceLoader.load(MonitorPlugin.class)) {
            plugins.install(p);
        }
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config);
        List<MonitorPlan> plans = new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), dir);
        loaded.errors().throwIfAny();
        List<WindowResult> results = new ArrayList<>();
        Engine engine = new Engine(Clock.systemUTC(), dir.resolve("data"), 1, d -> Thread.sleep(d.toMillis()));
        List<MonitorStats> stats = engine.run(plans, w -> {
            synchronized (results) {
                results.addAll(w);
            }
        });
        return new Run(results, stats);
    }

    private static List<WindowResult> runOnce(Path config, Path dir) throws InterruptedException {
        Run run = run(config, dir);
        if (run.stats().get(0).deadLettered() > 0) {
            throw new IllegalStateException(run.stats().get(0).deadLettered() + " bad lines in the benchmark input");
        }
        return run.results();
    }

    /** Reads every token of every line with Jackson's streaming parser: the ceiling for any decoder. */
    static double parseRate(Path file, int n) throws Exception {
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
        long t0 = System.nanoTime();
        long tokens = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                try (JsonParser p = factory.createParser(line)) {
                    while (p.nextToken() != null) {
                        tokens++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (tokens == 0) {
            throw new IllegalStateException("no tokens");
        }
        return n / seconds;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
