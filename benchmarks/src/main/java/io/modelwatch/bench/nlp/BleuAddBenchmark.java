package io.modelwatch.bench.nlp;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.nlp.bleu.BleuFactory;
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
 * Throughput of {@code nlp.bleu}'s {@code add()} over the 10,000 segments of
 * {@code corpus10k.jsonl} (one reference each), on one thread: each invocation adds every
 * segment to a fresh state, so the score is in sentences per second. Tokenization and n-gram
 * matching are included; JSON decoding is not (it happens once in setup). sacreBLEU 2.6.0's
 * {@code corpus_bleu} does 6,437 sentences/s on this kind of machine; the target is 20 times that.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BleuAdd -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BleuAddBenchmark {
    static final int SEGMENTS = 10_000;

    @Param({"13a"})
    public String tokenize;

    private Metric<Object> metric;
    private List<Observation> corpus;

    @Setup
    public void setUp() {
        corpus = CorpusObservations.load();
        if (corpus.size() != SEGMENTS) {
            throw new IllegalStateException("expected " + SEGMENTS + " segments, read " + corpus.size());
        }
        metric = TestMetricSpec.of(new BleuFactory()).param("tokenize", tokenize).create();
    }

    @Benchmark
    @OperationsPerInvocation(SEGMENTS)
    public Object addCorpus() {
        Object state = metric.newState();
        for (Observation o : corpus) {
            metric.add(state, o);
        }
        return state;
    }
}
