package io.modelwatch.bench.nlp;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.Observation;
import io.modelwatch.nlp.NlpPlugin;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@code add()} of the other reference-based nlp metrics (default parameters) over
 * the 10k corpus, one thread, in sentences per second. sacreBLEU 2.6.0's {@code TER().corpus_score}
 * does about 1,561 sentences/s on this corpus and machine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TextMetricAdd -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TextMetricAddBenchmark {
    @Param({"nlp.chrf", "nlp.ter", "nlp.text_stats"})
    public String type;

    private Metric<Object> metric;
    private List<Observation> corpus;

    @Setup
    public void setUp() {
        corpus = CorpusObservations.load();
        MetricFactory factory = new NlpPlugin().metricFactories().stream()
                .filter(f -> f.type().equals(type)).findFirst().orElseThrow();
        metric = TestMetricSpec.of(factory).create();
    }

    @Benchmark
    @OperationsPerInvocation(BleuAddBenchmark.SEGMENTS)
    public Object addCorpus() {
        Object state = metric.newState();
        for (Observation o : corpus) {
            metric.add(state, o);
        }
        return state;
    }
}
