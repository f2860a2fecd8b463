package io.modelwatch.recsys.catalog;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@code recsys.catalog} against {@code shared/reference/ranking/}: the beyond-accuracy
 * fields of every case and of the 10,000-user set, for both user populations, to 1e-12 relative.
 * Fields: {@code item_coverage} (RecBole, with catalog_size), {@code train_item_coverage}
 * (Evidently, popularity file only), {@code gini_index_catalog} (RecBole),
 * {@code gini_index_recommended_only} (Evidently), {@code average_popularity},
 * {@code average_popularity_div_k}, {@code average_popularity_known_only}, {@code tail_percentage}
 * and {@code tail_percentage_div_k}. The {@code users_with_relevant} population is fed as only
 * those users, since the metric is label-free.
 */
class CatalogReferenceTest {
    private static final double TOLERANCE = 1e-12;

    @TempDir
    static Path temp;

    /** One combination of the catalog conventions. */
    record Conventions(boolean withCatalogSize, String unknownPopularity, String perUserDenominator,
                       String duplicates) {
        String averageField() {
            if (unknownPopularity.equals("zero")) {
                return perUserDenominator.equals("list_length") ? "average_popularity" : "average_popularity_div_k";
            }
            return perUserDenominator.equals("list_length") ? "average_popularity_known_only" : null;
        }

        String tailField() {
            return perUserDenominator.equals("list_length") ? "tail_percentage" : "tail_percentage_div_k";
        }

        @Override
        public String toString() {
            return (withCatalogSize ? "catalog_size" : "popularity_items") + "/" + unknownPopularity + "/"
                    + perUserDenominator + "/" + duplicates;
        }
    }

    static List<Conventions> allConventions() {
        List<Conventions> out = new ArrayList<>();
        for (boolean c : new boolean[] {true, false}) {
            for (String u : List.of("zero", "skip")) {
                for (String d : List.of("list_length", "k")) {
                    for (String dup : List.of("dedup", "first_occurrence", "raw")) {
                        out.add(new Conventions(c, u, d, dup));
                    }
                }
            }
        }
        return out;
    }

    static Metric<CatalogState> metric(List<Integer> ks, Conventions c, long numItems, Path popularity, double tailRatio) {
        TestMetricSpec spec = TestMetricSpec.of(new CatalogFactory())
                .param("k", ks.stream().map(Integer::longValue).toList())
                .param("item_popularity", popularity.toString())
                .param("tail_ratio", tailRatio)
                .param("unknown_popularity", c.unknownPopularity())
                .param("per_user_denominator", c.perUserDenominator())
                .param("duplicates", c.duplicates());
        if (c.withCatalogSize()) {
            spec.param("catalog_size", numItems);
        }
        return spec.create();
    }

    static void assertField(MetricValue v, String output, Map<String, Object> block, String field, String where) {
        assertTrue(v.values().containsKey(output), where + " has no output " + output);
        Object e = block.get(field);
        Double actual = v.value(output);
        if (e == null) {
            assertNull(actual, where + " " + output + " should be undefined like " + field);
            return;
        }
        double expected = ((Number) e).doubleValue();
        assertNotNull(actual, where + " " + output + " is undefined, expected " + field + " = " + expected);
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.max(1.0, Math.abs(expected)),
                where + " " + output + ": expected " + expected + " (" + field + ") but was " + actual);
    }

    static void assertBlock(MetricValue v, int k, Map<String, Object> block, Conventions c, long numItems,
                            int popularityItems, String where) {
        if (c.withCatalogSize()) {
            assertField(v, "coverage@" + k, block, "item_coverage", where);
            assertField(v, "gini@" + k, block, "gini_index_catalog", where);
            Object coverage = block.get("item_coverage");
            if (coverage != null) {
                assertEquals(Math.round(((Number) coverage).doubleValue() * numItems), v.value("distinct_items@" + k),
                        1e-9, where + " distinct_items@" + k);
            }
        } else {
            assertField(v, "coverage@" + k, block, "train_item_coverage", where);
            if (popularityItems == numItems) {
                assertField(v, "gini@" + k, block, "gini_index_catalog", where);
            }
        }
        assertField(v, "gini_recommended@" + k, block, "gini_index_recommended_only", where);
        if (c.averageField() != null) {
            assertField(v, "avg_popularity@" + k, block, c.averageField(), where);
        }
        assertField(v, "tail_share@" + k, block, c.tailField(), where);
    }

    static Path writePopularity(String name, List<String[]> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("item,count");
        for (String[] r : rows) {
            lines.add(r[0] + "," + r[1]);
        }
        return Files.write(temp.resolve(name + ".csv"), lines);
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> everyCaseBothPopulationsEveryConvention() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<ReferenceAccess.Case> cases = ReferenceAccess.cases();
        assertFalse(cases.isEmpty());
        for (ReferenceAccess.Case rc : cases) {
            Path popularity = writePopularity(rc.id(), rc.popularity());
            for (String population : List.of("all_users", "users_with_relevant")) {
                for (Conventions c : allConventions()) {
                    String where = rc.id() + " " + population + " " + c;
                    tests.add(DynamicTest.dynamicTest(where, () -> {
                        Map<String, Object> set = (Map<String, Object>) rc.expected()
                                .getOrDefault(c.duplicates(), rc.expected().get("dedup"));
                        Metric<CatalogState> m = metric(rc.ks(), c, rc.numItems(), popularity, rc.tailRatio());
                        CatalogState s = m.newState();
                        for (ReferenceAccess.User u : rc.users()) {
                            if (population.equals("all_users") || u.hasRelevant()) {
                                m.add(s, TestObservation.at(0).with("recommended", u.recommended()).build());
                            }
                        }
                        MetricValue v = m.result(s);
                        assertEquals(0, v.rejected());
                        for (int k : rc.ks()) {
                            Map<String, Object> byK = (Map<String, Object>) set.get(Integer.toString(k));
                            assertBlock(v, k, (Map<String, Object>) byK.get(population), c, rc.numItems(),
                                    rc.popularity().size(), where);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> largeSetBothPopulations() {
        List<ReferenceAccess.User> users = ReferenceAccess.largeUsers();
        Map<String, Object> root = ReferenceAccess.largeExpected();
        Map<String, Object> expected = (Map<String, Object>) root.get("expected");
        long numItems = ((Number) root.get("num_items")).longValue();
        double tailRatio = ((Number) root.get("tail_ratio")).doubleValue();
        Path popularity = ReferenceAccess.dir().resolve("ranking_large_popularity.csv");
        int popularityItems = ItemPopularity.read(popularity, tailRatio).size();
        List<Integer> ks = expected.keySet().stream().map(Integer::parseInt).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (String population : List.of("all_users", "users_with_relevant")) {
            for (Conventions c : allConventions()) {
                if (!c.duplicates().equals("dedup")) {
                    continue; // the large lists have no repeats; the conventions are checked on the small cases
                }
                String where = "large " + population + " " + c;
                tests.add(DynamicTest.dynamicTest(where, () -> {
                    Metric<CatalogState> m = metric(ks, c, numItems, popularity, tailRatio);
                    CatalogState a = m.newState();
                    CatalogState b = m.newState();
                    int i = 0;
                    for (ReferenceAccess.User u : users) {
                        if (population.equals("all_users") || u.hasRelevant()) {
                            m.add(i++ % 2 == 0 ? a : b, TestObservation.at(0).with("recommended", u.recommended()).build());
                        }
                    }
                    m.merge(a, b);
                    MetricValue v = m.result(a);
                    for (int k : ks) {
                        Map<String, Object> byK = (Map<String, Object>) expected.get(Integer.toString(k));
                        Map<String, Object> block = (Map<String, Object>) byK.get(population);
                        assertEquals(((Number) block.get("n_users")).longValue(), v.count(), where);
                        assertBlock(v, k, block, c, numItems, popularityItems, where);
                    }
                }));
            }
        }
        return tests.stream();
    }
    /**
     * Beyond {@code max_items} the distinct-item outputs come from HyperLogLog sketches: on every
     * small case (coupon mode, under 0.1% error) and on the large set (HLL mode at lgK 12, relative
     * standard error 1.04/64 = 1.6%; asserted within 3 of them), coverage and distinct items must
     * be within that error of the reference, average popularity and tail share still exact, and
     * both Gini indices undefined.
     */
    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> beyondTheBoundEstimatesAreWithinTheSketchErrorOfTheReference() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceAccess.Case rc : ReferenceAccess.cases()) {
            Path popularity = writePopularity("sketch-" + rc.id(), rc.popularity());
            for (boolean withCatalogSize : new boolean[] {true, false}) {
                Conventions c = new Conventions(withCatalogSize, "zero", "list_length", "dedup");
                String where = rc.id() + " max_items 1 " + c;
                tests.add(DynamicTest.dynamicTest(where, () -> {
                    Map<String, Object> set = (Map<String, Object>) rc.expected().get("dedup");
                    Metric<CatalogState> m = sketched(rc.ks(), c, rc.numItems(), popularity, rc.tailRatio(), 1);
                    CatalogState s = m.newState();
                    for (ReferenceAccess.User u : rc.users()) {
                        m.add(s, TestObservation.at(0).with("recommended", u.recommended()).build());
                    }
                    MetricValue v = m.result(s);
                    // A state holding a single distinct item is within the bound of 1 and stays exact.
                    int largest = rc.ks().get(rc.ks().size() - 1);
                    boolean overflowed = v.value("distinct_items@" + largest) > 1.5;
                    for (int k : rc.ks()) {
                        Map<String, Object> block = (Map<String, Object>) ((Map<String, Object>) set
                                .get(Integer.toString(k))).get("all_users");
                        assertEstimates(v, k, block, c, rc.numItems(), overflowed, 1e-3, where);
                    }
                }));
            }
        }
        List<ReferenceAccess.User> users = ReferenceAccess.largeUsers();
        Map<String, Object> root = ReferenceAccess.largeExpected();
        Map<String, Object> expected = (Map<String, Object>) root.get("expected");
        long numItems = ((Number) root.get("num_items")).longValue();
        double tailRatio = ((Number) root.get("tail_ratio")).doubleValue();
        Path popularity = ReferenceAccess.dir().resolve("ranking_large_popularity.csv");
        List<Integer> ks = expected.keySet().stream().map(Integer::parseInt).toList();
        for (boolean withCatalogSize : new boolean[] {true, false}) {
            Conventions c = new Conventions(withCatalogSize, "zero", "list_length", "dedup");
            String where = "large max_items 100 " + c;
            tests.add(DynamicTest.dynamicTest(where, () -> {
                Metric<CatalogState> m = sketched(ks, c, numItems, popularity, tailRatio, 100);
                // Three parts, each beyond the bound, merged: the sketches' union is what is checked.
                List<CatalogState> parts = List.of(m.newState(), m.newState(), m.newState());
                for (int i = 0; i < users.size(); i++) {
                    m.add(parts.get(i % 3), TestObservation.at(0).with("recommended", users.get(i).recommended()).build());
                }
                m.merge(parts.get(0), parts.get(1));
                m.merge(parts.get(0), parts.get(2));
                MetricValue v = m.result(m.codec().fromBytes(m.codec().toBytes(parts.get(0))));
                for (int k : ks) {
                    Map<String, Object> block = (Map<String, Object>) ((Map<String, Object>) expected
                            .get(Integer.toString(k))).get("all_users");
                    assertEstimates(v, k, block, c, numItems, true, 3 * 1.04 / 64, where);
                }
            }));
        }
        return tests.stream();
    }

    static Metric<CatalogState> sketched(List<Integer> ks, Conventions c, long numItems, Path popularity,
                                         double tailRatio, long maxItems) {
        TestMetricSpec spec = TestMetricSpec.of(new CatalogFactory())
                .param("k", ks.stream().map(Integer::longValue).toList())
                .param("item_popularity", popularity.toString())
                .param("tail_ratio", tailRatio)
                .param("max_items", maxItems);
        if (c.withCatalogSize()) {
            spec.param("catalog_size", numItems);
        }
        return spec.create();
    }

    static void assertEstimates(MetricValue v, int k, Map<String, Object> block, Conventions c, long numItems,
                                boolean overflowed, double relativeError, String where) {
        String field = c.withCatalogSize() ? "item_coverage" : "train_item_coverage";
        double expected = ((Number) block.get(field)).doubleValue();
        Double coverage = v.value("coverage@" + k);
        assertNotNull(coverage, where + " coverage@" + k);
        assertTrue(Math.abs(coverage - expected) <= relativeError * expected,
                where + " coverage@" + k + ": " + coverage + " is not within " + relativeError + " of " + field
                        + " = " + expected);
        if (c.withCatalogSize()) {
            double distinct = expected * numItems;
            Double estimate = v.value("distinct_items@" + k);
            assertNotNull(estimate, where + " distinct_items@" + k);
            assertTrue(Math.abs(estimate - distinct) <= relativeError * distinct,
                    where + " distinct_items@" + k + ": " + estimate + " is not within " + relativeError + " of " + distinct);
        }
        if (overflowed) {
            assertNull(v.value("gini@" + k), where + " gini@" + k + " needs every count");
            assertNull(v.value("gini_recommended@" + k), where + " gini_recommended@" + k + " needs every count");
        }
        assertField(v, "avg_popularity@" + k, block, c.averageField(), where);
        assertField(v, "tail_share@" + k, block, c.tailField(), where);
    }
}
