package io.modelwatch.bench.recsys;

import io.modelwatch.api.Metric;
import io.modelwatch.recsys.catalog.CatalogFactory;
import io.modelwatch.recsys.ranking.RankingFactory;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@code recsys.ranking}'s {@code add()}: users per second on one thread, for the
 * workload of the ranx comparison in {@code shared/reference/ranking/README.md} (lists of 100 ids
 * from a 20,000-item catalog, about 6 graded relevant items per user, some of them in the list).
 *
 * <p>Records are decoded ahead of time ({@link PreparedObservation}), so this measures the metric,
 * not JSON parsing. One invocation adds {@value #USERS} users; the score is in users per second.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar RankingAdd -f 1 -wi 2 -i 3}.
 * {@code catalogAdd} measures {@code recsys.catalog} on the same lists for comparison, and
 * {@code catalogAddBeyondBound} the same with {@code max_items: 1000}, so that the state counts
 * distinct items with its HyperLogLog sketches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RankingAddBenchmark {
    static final int USERS = 16_384;

    /** The cut-offs: the ranx comparison's k = 10, and the reference's full set. */
    @Param({"10", "1,5,10,20,100"})
    public String k;

    /**
     * How many distinct prepared users the {@value #USERS} adds cycle through (a power of 2):
     * 16384 keeps about 80 MB of ids and maps out of cache, as a batch over stored records would;
     * 256 keeps them in cache, as in the host, where a record is added right after it is decoded.
     */
    @Param({"16384", "256"})
    public int distinct;

    private PreparedObservation[] records;
    private Metric<Object> ranking;
    private Object rankingState;
    private Metric<Object> catalog;
    private Object catalogState;
    private Metric<Object> sketchedCatalog;
    private Object sketchedCatalogState;

    @Setup
    public void setUp() {
        Random random = new Random(99);
        int catalogSize = 20_000;
        if (Integer.bitCount(distinct) != 1 || distinct > USERS) {
            throw new IllegalArgumentException("distinct must be a power of 2 up to " + USERS);
        }
        records = new PreparedObservation[distinct];
        for (int u = 0; u < distinct; u++) {
            Set<Integer> seen = new HashSet<>();
            List<String> list = new ArrayList<>(100);
            while (list.size() < 100) {
                int item = random.nextInt(catalogSize);
                if (seen.add(item)) {
                    list.add(Integer.toString(item));
                }
            }
            int relevantCount = poisson(random, 6.0);
            Map<String, Double> relevant = new LinkedHashMap<>();
            for (int i = 0; i < relevantCount; i++) {
                // About half of the relevant items are ranked somewhere in the list.
                String item = random.nextBoolean() ? list.get(random.nextInt(100))
                        : Integer.toString(random.nextInt(catalogSize));
                relevant.put(item, (double) (1 + random.nextInt(4)));
            }
            records[u] = new PreparedObservation(List.copyOf(list), relevant);
        }
        List<Long> ks = Arrays.stream(k.split(",")).map(s -> Long.parseLong(s.trim())).toList();
        ranking = TestMetricSpec.of(new RankingFactory()).param("k", ks).create();
        rankingState = ranking.newState();
        catalog = TestMetricSpec.of(new CatalogFactory()).param("k", ks).param("catalog_size", (long) catalogSize).create();
        catalogState = catalog.newState();
        sketchedCatalog = TestMetricSpec.of(new CatalogFactory()).param("k", ks).param("catalog_size", (long) catalogSize)
                .param("max_items", 1000L).create();
        sketchedCatalogState = sketchedCatalog.newState();
        for (PreparedObservation r : records) {
            sketchedCatalog.add(sketchedCatalogState, r); // past the bound before measuring
        }
    }

    private static int poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        int n = 0;
        double p = random.nextDouble();
        while (p > l) {
            n++;
            p *= random.nextDouble();
        }
        return n;
    }

    /** Adds {@value #USERS} prepared users to one ranking state. */
    @Benchmark
    @OperationsPerInvocation(USERS)
    public Object rankingAdd() {
        Metric<Object> m = ranking;
        Object s = rankingState;
        PreparedObservation[] r = records;
        int mask = r.length - 1;
        for (int i = 0; i < USERS; i++) {
            m.add(s, r[i & mask]);
        }
        return s;
    }

    /** Adds {@value #USERS} prepared users to one catalog state (exact item counts, no popularity file). */
    @Benchmark
    @OperationsPerInvocation(USERS)
    public Object catalogAdd() {
        Metric<Object> m = catalog;
        Object s = catalogState;
        PreparedObservation[] r = records;
        int mask = r.length - 1;
        for (int i = 0; i < USERS; i++) {
            m.add(s, r[i & mask]);
        }
        return s;
    }

    /** Adds {@value #USERS} prepared users to one catalog state that is past its exact bound (sketches). */
    @Benchmark
    @OperationsPerInvocation(USERS)
    public Object catalogAddBeyondBound() {
        Metric<Object> m = sketchedCatalog;
        Object s = sketchedCatalogState;
        PreparedObservation[] r = records;
        int mask = r.length - 1;
        for (int i = 0; i < USERS; i++) {
            m.add(s, r[i & mask]);
        }
        return s;
    }
}
