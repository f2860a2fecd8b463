package io.modelwatch.recsys.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Merge laws, codec and golden state of {@code recsys.ranking}, on random lists with repeats,
 * scores, graded and plain relevance, users without relevant items and bad records.
 */
class RankingConformanceTest extends MetricConformanceTest<RankingState> {

    @Override
    protected Metric<RankingState> metric() {
        return TestMetricSpec.of(new RankingFactory())
                .param("k", List.of(1L, 3L, 10L, 20L))
                .param("users_without_relevant", "zero")
                .param("ndcg_gain", "exponential")
                .param("precision_denominator", "list_length")
                .param("duplicates", "first_occurrence")
                .create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        List<Observation> out = new ArrayList<>();
        int n = 200 + random.nextInt(100);
        for (int r = 0; r < n; r++) {
            int len = random.nextInt(25);
            List<Object> rec = new ArrayList<>();
            for (int i = 0; i < len; i++) {
                rec.add(random.nextInt(5) == 0 ? (Object) (long) random.nextInt(40) : "i" + random.nextInt(40));
            }
            TestObservation.Builder b = TestObservation.at(r * 1000L).id("r" + r);
            int kind = random.nextInt(20);
            if (kind == 0) {
                b.with("recommended", rec); // relevant missing: rejected
            } else if (kind == 1) {
                b.with("relevant", List.of("i1")); // recommended missing: rejected
            } else if (kind == 2) {
                Map<String, Object> rel = new LinkedHashMap<>();
                rel.put("i1", Double.NaN); // a grade that is not a number: rejected
                b.with("recommended", rec).with("relevant", rel);
            } else if (kind == 3) {
                double[] scores = new double[len + 1]; // one score too many: rejected
                b.with("recommended", rec).with("relevant", List.of("i2")).with("scores", scores);
            } else {
                if (kind == 4 && !rec.isEmpty()) {
                    rec.set(random.nextInt(rec.size()), null); // a null id: rejected when judged
                }
                b.with("recommended", rec);
                if (random.nextBoolean()) {
                    List<Object> rel = new ArrayList<>();
                    int m = random.nextInt(6);
                    for (int i = 0; i < m; i++) {
                        rel.add("i" + random.nextInt(40));
                    }
                    b.with("relevant", rel);
                } else {
                    Map<String, Object> rel = new LinkedHashMap<>();
                    int m = random.nextInt(8);
                    for (int i = 0; i < m; i++) {
                        rel.put(random.nextBoolean() ? "i" + random.nextInt(40) : Integer.toString(random.nextInt(40)),
                                (long) random.nextInt(4));
                    }
                    b.with("relevant", rel);
                }
                if (kind == 5) {
                    double[] scores = new double[len];
                    for (int i = 0; i < len; i++) {
                        scores[i] = random.nextInt(4);
                    }
                    b.with("scores", scores);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void anEmptyStateHasUndefinedMeansAndNoUsers() {
        Metric<RankingState> m = metric();
        MetricValue v = m.result(m.newState());
        assertNull(v.value("ndcg@10"));
        assertEquals(0.0, v.value("users@10"));
        assertEquals(List.of("hit_rate@1", "precision@1", "recall@1", "mrr@1", "ndcg@1", "map@1", "users@1"),
                new ArrayList<>(v.values().keySet()).subList(0, 7));
    }

    @Test
    void workedExampleByHand() {
        // recommended a b c d, relevant {b: 2, e: 1}, k = 3, linear gain, defaults otherwise:
        // hit 1; precision 1/3; recall 1/2; mrr 1/2; DCG = 2/log2(3); IDCG = 2/1 + 1/log2(3);
        // AP = (1/2) / min(2, 3) = 1/4.
        Metric<RankingState> m = TestMetricSpec.of(new RankingFactory()).param("k", List.of(3L)).create();
        RankingState s = m.newState();
        Map<String, Object> rel = new LinkedHashMap<>();
        rel.put("b", 2L);
        rel.put("e", 1L);
        m.add(s, TestObservation.at(0).with("recommended", Arrays.asList("a", "b", "c", "d")).with("relevant", rel).build());
        MetricValue v = m.result(s);
        double log3 = Math.log(3) / Math.log(2);
        assertEquals(1.0, v.value("hit_rate@3"), 1e-15);
        assertEquals(1.0 / 3, v.value("precision@3"), 1e-15);
        assertEquals(0.5, v.value("recall@3"), 1e-15);
        assertEquals(0.5, v.value("mrr@3"), 1e-15);
        assertEquals((2 / log3) / (2 + 1 / log3), v.value("ndcg@3"), 1e-15);
        assertEquals(0.25, v.value("map@3"), 1e-15);
        assertEquals(1.0, v.value("users@3"));
    }
}
