package io.modelwatch.bench;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.kernel.LinePipeline;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.PluginManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * decode → add for {@code core.latency} (and {@code core.error_rate}): Jackson streaming decode
 * with field projection, then the metrics' add, a batch at a time as the shards do. Score is
 * records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LatencyPipelineBenchmark {
    static final int LINES = 100_000;
    private String[] lines;
    private MonitorPlan plan;
    private LinePipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("modelwatch-jmh");
        Path file = dir.resolve("latency.jsonl");
        Workloads.write(Workloads.Kind.LATENCY, file, LINES, 7);
        lines = Files.readAllLines(file, StandardCharsets.UTF_8).toArray(new String[0]);
        Path config = dir.resolve("bench.yaml");
        Files.writeString(config, Workloads.yaml(Workloads.Kind.LATENCY, file, 1));
        PluginManager plugins = new PluginManager();
        plugins.install(new CorePlugin());
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config);
        List<MonitorPlan> plans = new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), dir);
        loaded.errors().throwIfAny();
        plan = plans.get(0);
    }

    @Setup(Level.Iteration)
    public void freshState() {
        pipeline = LinePipeline.of(plan);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public Object decodeAndAdd() {
        for (String line : lines) {
            pipeline.accept(line);
        }
        return pipeline;
    }
}
