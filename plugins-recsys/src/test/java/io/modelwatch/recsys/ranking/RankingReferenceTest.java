package io.modelwatch.recsys.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.recsys.ReferenceAccess;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@code recsys.ranking} against {@code shared/reference/ranking/}: every case of
 * {@code ranking_vectors.jsonl} and the 10,000-user large set, under every combination of the
 * convention parameters, to 1e-12 relative. The expected field for each convention is the one the
 * reference README names: {@code users_with_relevant}/{@code all_users} blocks for
 * skip/zero, {@code precision} or {@code precision_div_min_k_len}, {@code ndcg_linear},
 * {@code ndcg_exp} or {@code ndcg_binary}, {@code map_div_min_r_k} or {@code map_div_r}, and the
 * duplicates case's {@code dedup}/{@code first_occurrence}/{@code raw} sets.
 */
class RankingReferenceTest {
    private static final double TOLERANCE = 1e-12;

    /** One combination of the convention parameters. */
    record Conventions(String usersWithoutRelevant, String mapDenominator, String ndcgGain,
                       String precisionDenominator, String duplicates) {
        String population() {
            return usersWithoutRelevant.equals("skip") ? "users_with_relevant" : "all_users";
        }

        String precisionField() {
            return precisionDenominator.equals("k") ? "precision" : "precision_div_min_k_len";
        }

        String ndcgField() {
            switch (ndcgGain) {
                case "linear":
                    return "ndcg_linear";
                case "exponential":
                    return "ndcg_exp";
                default:
                    return "ndcg_binary";
            }
        }

        String mapField() {
            return mapDenominator.equals("r") ? "map_div_r" : "map_div_min_r_k";
        }

        @Override
        public String toString() {
            return usersWithoutRelevant + "/" + mapDenominator + "/" + ndcgGain + "/" + precisionDenominator + "/"
                    + duplicates;
        }
    }

    static List<Conventions> allConventions() {
        List<Conventions> out = new ArrayList<>();
        for (String u : List.of("skip", "zero")) {
            for (String m : List.of("min_r_k", "r")) {
                for (String g : List.of("linear", "exponential", "binary")) {
                    for (String p : List.of("k", "list_length")) {
                        for (String d : List.of("dedup", "first_occurrence", "raw")) {
                            out.add(new Conventions(u, m, g, p, d));
                        }
                    }
                }
            }
        }
        return out;
    }

    static Metric<RankingState> metric(List<Integer> ks, Conventions c) {
        List<Long> k = ks.stream().map(Integer::longValue).toList();
        return TestMetricSpec.of(new RankingFactory())
                .param("k", k)
                .param("users_without_relevant", c.usersWithoutRelevant())
                .param("map_denominator", c.mapDenominator())
                .param("ndcg_gain", c.ndcgGain())
                .param("precision_denominator", c.precisionDenominator())
                .param("duplicates", c.duplicates())
                .create();
    }

    static TestObservation observation(ReferenceAccess.User u, boolean scored) {
        TestObservation.Builder b = TestObservation.at(0).id(u.name()).with("relevant", u.relevance());
        if (scored) {
            b.with("recommended", u.scoredItems()).with("scores", u.scores());
        } else {
            b.with("recommended", u.recommended());
        }
        return b.build();
    }

    /** Asserts one k's block: each output against the convention's field, null where the mean is undefined. */
    @SuppressWarnings("unchecked")
    static void assertBlock(MetricValue v, int k, Map<String, Object> block, Conventions c, String where) {
        long n = ((Number) block.get("n_users")).longValue();
        assertEquals((double) n, v.value("users@" + k), where + " users@" + k);
        String[][] pairs = {
            {"hit_rate", "hit"}, {"precision", c.precisionField()}, {"recall", "recall"}, {"mrr", "mrr"},
            {"ndcg", c.ndcgField()}, {"map", c.mapField()}};
        for (String[] p : pairs) {
            String output = p[0] + "@" + k;
            Object e = block.get(p[1]);
            Double actual = v.value(output);
            assertTrue(v.values().containsKey(output), where + " has no output " + output);
            if (e == null) {
                assertNull(actual, where + " " + output + " should be undefined");
            } else {
                double expected = ((Number) e).doubleValue();
                assertNotNull(actual, where + " " + output + " is undefined, expected " + expected);
                double scale = Math.max(1.0, Math.abs(expected));
                assertTrue(Math.abs(actual - expected) <= TOLERANCE * scale,
                        where + " " + output + ": expected " + expected + " (" + p[1] + ") but was " + actual
                                + ", diff " + (actual - expected));
            }
        }
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> everyCaseUnderEveryConvention() {
        List<DynamicTest> tests = new ArrayList<>();
        List<ReferenceAccess.Case> cases = ReferenceAccess.cases();
        assertFalse(cases.isEmpty(), "no case in ranking_vectors.jsonl");
        for (ReferenceAccess.Case rc : cases) {
            for (Conventions c : allConventions()) {
                tests.add(DynamicTest.dynamicTest(rc.id() + " " + c, () -> {
                    // Cases without repeats carry only the dedup set; the three conventions then coincide.
                    Map<String, Object> set = (Map<String, Object>) rc.expected()
                            .getOrDefault(c.duplicates(), rc.expected().get("dedup"));
                    Metric<RankingState> m = metric(rc.ks(), c);
                    RankingState s = m.newState();
                    for (ReferenceAccess.User u : rc.users()) {
                        m.add(s, observation(u, false));
                    }
                    MetricValue v = m.result(s);
                    assertEquals(rc.users().size(), v.count(), "every user accepted");
                    assertEquals(0, v.rejected());
                    for (int k : rc.ks()) {
                        Map<String, Object> byK = (Map<String, Object>) set.get(Integer.toString(k));
                        assertBlock(v, k, (Map<String, Object>) byK.get(c.population()), c, rc.id() + " " + c);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** The ties case fed in score order with its scores: the metric must restore the canonical order. */
    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> scoresAreRankedDescendingWithTiesByItemId() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceAccess.Case rc : ReferenceAccess.cases()) {
            if (rc.users().stream().noneMatch(u -> u.scores() != null)) {
                continue;
            }
            for (Conventions c : allConventions()) {
                tests.add(DynamicTest.dynamicTest(rc.id() + " scored " + c, () -> {
                    Map<String, Object> set = (Map<String, Object>) rc.expected().get("dedup");
                    Metric<RankingState> m = metric(rc.ks(), c);
                    RankingState s = m.newState();
                    for (ReferenceAccess.User u : rc.users()) {
                        m.add(s, observation(u, u.scores() != null));
                    }
                    MetricValue v = m.result(s);
                    assertEquals(0, v.rejected());
                    for (int k : rc.ks()) {
                        Map<String, Object> byK = (Map<String, Object>) set.get(Integer.toString(k));
                        assertBlock(v, k, (Map<String, Object>) byK.get(c.population()), c, rc.id() + " scored " + c);
                    }
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no case with scores in the reference");
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> largeSetUnderEveryConvention() {
        List<ReferenceAccess.User> users = ReferenceAccess.largeUsers();
        Map<String, Object> root = ReferenceAccess.largeExpected();
        Map<String, Object> expected = (Map<String, Object>) root.get("expected");
        assertEquals(((Number) root.get("n_users")).intValue(), users.size(), "users in ranking_large_recs.csv");
        List<Integer> ks = expected.keySet().stream().map(Integer::parseInt).toList();
        List<TestObservation> records = users.stream().map(u -> observation(u, false)).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (Conventions c : allConventions()) {
            tests.add(DynamicTest.dynamicTest("large " + c, () -> {
                Metric<RankingState> m = metric(ks, c);
                // Two halves merged, so the large set also checks merge against the reference.
                RankingState a = m.newState();
                RankingState b = m.newState();
                for (int i = 0; i < records.size(); i++) {
                    m.add(i % 2 == 0 ? a : b, records.get(i));
                }
                m.merge(a, b);
                MetricValue v = m.result(a);
                assertEquals(users.size(), v.count());
                for (int k : ks) {
                    Map<String, Object> byK = (Map<String, Object>) expected.get(Integer.toString(k));
                    assertBlock(v, k, (Map<String, Object>) byK.get(c.population()), c, "large " + c);
                }
            }));
        }
        return tests.stream();
    }
}
