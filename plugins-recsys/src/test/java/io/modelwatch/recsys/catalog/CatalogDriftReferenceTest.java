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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Popularity counted from the baseline, checked against {@code shared/reference/ranking/}: the
 * baseline is built so that its top-k counts are the reference's popularity table (each item's
 * {@code train_count} one-item lists), so {@code avg_popularity@k} and {@code tail_share@k} of the
 * window must equal the reference's {@code average_popularity} / {@code average_popularity_div_k}
 * and {@code tail_percentage} / {@code tail_percentage_div_k} (RecBole's definitions: an item
 * without popularity counts 0, the tail is the table sorted by (count, id), its first
 * max(floor(n · tail_ratio), 1) items), to 1e-12 relative, under every duplicates convention and
 * per-user denominator. The baseline's own averages and the exposure distance, which the reference
 * does not have, are computed here directly from the lists and the table. Beyond the exact bound
 * the averages must be within the reported error of the reference.
 */
class CatalogDriftReferenceTest {
    private static final double TOLERANCE = 1e-12;

    private static Metric<CatalogState> metric(List<Integer> ks, String denominator, String duplicates,
                                               double tailRatio, long maxItems) {
        return TestMetricSpec.of(new CatalogFactory())
                .param("k", ks.stream().map(Integer::longValue).toList())
                .param("tail_ratio", tailRatio)
                .param("per_user_denominator", denominator)
                .param("duplicates", duplicates)
                .param("max_items", maxItems)
                .create();
    }

    /** Returns a baseline state whose every top-k count is the table's count: one-item lists. */
    private static CatalogState baseline(Metric<CatalogState> m, List<String[]> table) {
        CatalogState s = m.newState();
        for (String[] row : table) {
            long count = Long.parseLong(row[1]);
            for (long c = 0; c < count; c++) {
                m.add(s, TestObservation.at(0).with("recommended", List.of(row[0])).build());
            }
        }
        return s;
    }

    /** The top k of a list: later repeats dropped before the cut under dedup, every position otherwise. */
    private static List<String> top(List<String> list, int k, String duplicates) {
        List<String> source = duplicates.equals("dedup") ? new ArrayList<>(new LinkedHashSet<>(list)) : list;
        return source.subList(0, Math.min(k, source.size()));
    }

    private static void assertClose(double expected, Double actual, String what) {
        assertNotNull(actual, what + " is undefined, expected " + expected);
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.max(1.0, Math.abs(expected)),
                what + ": expected " + expected + " but was " + actual);
    }

    /**
     * Checks what the reference has no field for, from the lists and the table directly: the
     * baseline's own averages (each baseline user shows one item i, whose popularity is its count
     * c_i: mean Σ c_i² / Σ c_i, divided by k under the k denominator) and the total variation
     * between the window's shares of appearances and the table's.
     */
    private static void assertDirect(MetricValue d, int k, List<List<String>> window, List<String[]> table,
                                     String denominator, String duplicates, String where) {
        double n = 0;
        double squares = 0;
        Map<String, Double> count = new HashMap<>();
        for (String[] row : table) {
            double c = Double.parseDouble(row[1]);
            count.put(row[0], c);
            n += c;
            squares += c * c;
        }
        double div = denominator.equals("k") ? k : 1;
        assertClose(squares / n / div, d.value("baseline_avg_popularity@" + k), where + " baseline_avg_popularity@" + k);
        Map<String, Double> shown = new HashMap<>();
        double total = 0;
        for (List<String> list : window) {
            for (String item : top(list, k, duplicates)) {
                shown.merge(item, 1.0, Double::sum);
                total++;
            }
        }
        if (total == 0) {
            assertNull(d.value("exposure_total_variation@" + k), where);
            return;
        }
        double tv = 0;
        Set<String> items = new HashSet<>(shown.keySet());
        items.addAll(count.keySet());
        for (String item : items) {
            tv += Math.abs(shown.getOrDefault(item, 0.0) / total - count.getOrDefault(item, 0.0) / n);
        }
        assertClose(tv / 2, d.value("exposure_total_variation@" + k), where + " exposure_total_variation@" + k);
        assertEquals(0.0, d.value("popularity_error@" + k), where);
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> everyCaseBothPopulationsEveryConvention() {
        List<DynamicTest> tests = new ArrayList<>();
        List<ReferenceAccess.Case> cases = ReferenceAccess.cases();
        assertFalse(cases.isEmpty());
        for (ReferenceAccess.Case rc : cases) {
            for (String denominator : List.of("list_length", "k")) {
                for (String duplicates : List.of("dedup", "first_occurrence", "raw")) {
                    String where = rc.id() + " " + denominator + " " + duplicates;
                    tests.add(DynamicTest.dynamicTest(where, () -> {
                        Map<String, Object> set = (Map<String, Object>) rc.expected()
                                .getOrDefault(duplicates, rc.expected().get("dedup"));
                        Metric<CatalogState> m = metric(rc.ks(), denominator, duplicates, rc.tailRatio(), 100_000);
                        CatalogState base = baseline(m, rc.popularity());
                        for (String population : List.of("all_users", "users_with_relevant")) {
                            List<List<String>> lists = new ArrayList<>();
                            CatalogState window = m.newState();
                            for (ReferenceAccess.User u : rc.users()) {
                                if (population.equals("all_users") || u.hasRelevant()) {
                                    lists.add(u.recommended());
                                    m.add(window, TestObservation.at(0).with("recommended", u.recommended()).build());
                                }
                            }
                            MetricValue d = m.drift(window, base);
                            for (int k : rc.ks()) {
                                Map<String, Object> block = (Map<String, Object>) ((Map<String, Object>) set
                                        .get(Integer.toString(k))).get(population);
                                String at = where + " " + population;
                                CatalogReferenceTest.assertField(d, "avg_popularity@" + k, block,
                                        denominator.equals("k") ? "average_popularity_div_k" : "average_popularity", at);
                                CatalogReferenceTest.assertField(d, "tail_share@" + k, block,
                                        denominator.equals("k") ? "tail_percentage_div_k" : "tail_percentage", at);
                                assertDirect(d, k, lists, rc.popularity(), denominator, duplicates, at);
                            }
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static List<String[]> largeTable() {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(ReferenceAccess.dir().resolve("ranking_large_popularity.csv"))) {
                String[] r = line.split(",");
                if (!line.isBlank() && !r[0].equals("item")) {
                    rows.add(new String[] {r[0].trim(), r[1].trim()});
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The 10,000-user set against a baseline of the 5,000-item popularity table (1.3 million
     * one-item lists): exact, and beyond a bound of 100 items with the default frequent-items
     * sketches (ε = 3.5/2048), where each average must be within {@code popularity_error@k} of the
     * reference and that error within its a priori worst case, 4.625 ε N_b (N_b = the table's total).
     */
    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> largeSetExactAndBeyondTheBound() {
        List<ReferenceAccess.User> users = ReferenceAccess.largeUsers();
        Map<String, Object> root = ReferenceAccess.largeExpected();
        Map<String, Object> expected = (Map<String, Object>) root.get("expected");
        double tailRatio = ((Number) root.get("tail_ratio")).doubleValue();
        List<Integer> ks = expected.keySet().stream().map(Integer::parseInt).sorted().toList();
        List<String[]> table = largeTable();
        long total = table.stream().mapToLong(r -> Long.parseLong(r[1])).sum();
        List<List<String>> lists = users.stream().map(ReferenceAccess.User::recommended).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (String denominator : List.of("list_length", "k")) {
            for (long maxItems : new long[] {100_000, 100}) {
                String where = "large " + denominator + " max_items " + maxItems;
                tests.add(DynamicTest.dynamicTest(where, () -> {
                    Metric<CatalogState> m = metric(ks, denominator, "dedup", tailRatio, maxItems);
                    CatalogState base = baseline(m, table);
                    CatalogState a = m.newState();
                    CatalogState b = m.newState();
                    for (int i = 0; i < lists.size(); i++) {
                        m.add(i % 2 == 0 ? a : b, TestObservation.at(0).with("recommended", lists.get(i)).build());
                    }
                    m.merge(a, b);
                    MetricValue d = m.drift(a, m.codec().fromBytes(m.codec().toBytes(base)));
                    for (int k : ks) {
                        Map<String, Object> block = (Map<String, Object>) ((Map<String, Object>) expected
                                .get(Integer.toString(k))).get("all_users");
                        String avgField = denominator.equals("k") ? "average_popularity_div_k" : "average_popularity";
                        if (maxItems == 100_000) {
                            CatalogReferenceTest.assertField(d, "avg_popularity@" + k, block, avgField, where);
                            CatalogReferenceTest.assertField(d, "tail_share@" + k, block,
                                    denominator.equals("k") ? "tail_percentage_div_k" : "tail_percentage", where);
                            assertDirect(d, k, lists, table, denominator, "dedup", where);
                            continue;
                        }
                        double reference = ((Number) block.get(avgField)).doubleValue();
                        Double estimate = d.value("avg_popularity@" + k);
                        Double bound = d.value("popularity_error@" + k);
                        assertNotNull(estimate, where + " avg_popularity@" + k);
                        assertNotNull(bound, where + " popularity_error@" + k);
                        assertTrue(Math.abs(estimate - reference) <= bound, where + " avg_popularity@" + k + ": "
                                + estimate + " is not within " + bound + " of " + reference);
                        assertTrue(bound <= 4.625 * 3.5 / 2048 * total, where + " popularity_error@" + k + " = " + bound);
                        assertNull(d.value("tail_share@" + k), where);
                        assertNull(d.value("exposure_total_variation@" + k), where);
                    }
                }));
            }
        }
        return tests.stream();
    }
}
