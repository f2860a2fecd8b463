package io.modelwatch.recsys.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code recsys.catalog}'s drift against a baseline: popularity counted from the baseline on a
 * fixture small enough to check by hand, the exposure distance, the frequent-items sketches beyond
 * the exact bound against an exact count of the same data, and baselines of codec version 2.
 */
class CatalogDriftTest {
    private static final double EXACT = 1e-12;

    private static TestMetricSpec spec(long... ks) {
        List<Long> k = new ArrayList<>();
        for (long x : ks) {
            k.add(x);
        }
        return TestMetricSpec.of(new CatalogFactory()).param("k", k).param("tail_ratio", 0.5);
    }

    private static CatalogState fill(Metric<CatalogState> m, List<List<String>> lists) {
        CatalogState s = m.newState();
        for (List<String> list : lists) {
            m.add(s, TestObservation.at(0).with("recommended", list).build());
        }
        return s;
    }

    /** Baseline lists: popularity at k=2 is a=4, b=2, d=1; at k=3 also c=1 (third position only). */
    private static final List<List<String>> BASELINE = List.of(
            List.of("a", "b", "c"), List.of("a", "b"), List.of("a"), List.of("d", "a"));
    /** Window lists: a short list, an empty list and a repeat (dropped under dedup: [d, b]). */
    private static final List<List<String>> WINDOW = List.of(
            List.of("c", "a", "e"), List.of("b"), List.of(), List.of("d", "d", "b"));

    @Test
    void popularityCountedFromTheBaselineWorkedByHand() {
        Metric<CatalogState> m = spec(2, 3).create();
        MetricValue d = m.drift(fill(m, WINDOW), fill(m, BASELINE));
        // k=2. Top 2 of the window: [c,a] [b] [] [d,b]; the empty list is not averaged (U = 3).
        // Averages: (0+4)/2 = 2, 2/1 = 2, (1+2)/2 = 1.5 -> 5.5/3.
        assertEquals(5.5 / 3, d.value("avg_popularity@2"), EXACT);
        // Baseline's own top 2: [a,b] 3, [a,b] 3, [a] 4, [d,a] 2.5 -> 12.5/4.
        assertEquals(3.125, d.value("baseline_avg_popularity@2"), EXACT);
        assertEquals(0.0, d.value("popularity_error@2"));
        // Tail: items shown a4 b2 d1, floor(3 * 0.5) = 1 item, the least popular: d.
        assertEquals(0.5 / 3, d.value("tail_share@2"), EXACT);
        // Shares: window c .2 a .2 b .4 d .2, baseline a 4/7 b 2/7 d 1/7:
        // (1/5 + 13/35 + 4/35 + 2/35) / 2 = 13/35.
        assertEquals(13.0 / 35, d.value("exposure_total_variation@2"), EXACT);
        // k=3. Popularity a4 b2 c1 d1. Window: (1+4+0)/3, 2/1, (1+2)/2 -> (5/3 + 3.5)/3 = 31/18.
        assertEquals(31.0 / 18, d.value("avg_popularity@3"), EXACT);
        // Baseline: 7/3, 3, 4, 2.5 -> 71/24.
        assertEquals(71.0 / 24, d.value("baseline_avg_popularity@3"), EXACT);
        // Tail: floor(4 * 0.5) = 2 items by (count, id): c, d. Window 1/3, 0, 1/2.
        assertEquals(5.0 / 18, d.value("tail_share@3"), EXACT);
        // Shares: window c a e d 1/6, b 2/6; baseline a 1/2 b 1/4 c d 1/8: (1/24 + 8/24 + 4/24 + 2/24 + 1/24) / 2.
        assertEquals(1.0 / 3, d.value("exposure_total_variation@3"), EXACT);
    }

    @Test
    void perUserDenominatorKAndRawRepeats() {
        Metric<CatalogState> byK = spec(3).param("per_user_denominator", "k").create();
        MetricValue d = byK.drift(fill(byK, WINDOW), fill(byK, BASELINE));
        // Every user divides by 3, the empty list included: (5/3 + 2/3 + 0 + 3/3) / 4 = 5/6.
        assertEquals(5.0 / 6, d.value("avg_popularity@3"), EXACT);
        // Baseline: (7 + 6 + 4 + 5) / 3 / 4 = 11/6; tail (1/3 + 0 + 0 + 1/3) / 4 for the window.
        assertEquals(11.0 / 6, d.value("baseline_avg_popularity@3"), EXACT);
        assertEquals(1.0 / 6, d.value("tail_share@3"), EXACT);

        Metric<CatalogState> raw = spec(2).param("duplicates", "raw").create();
        // Under raw the top 2 of [d, d, b] is [d, d]: (1 + 1) / 2 = 1, so (2 + 2 + 1) / 3.
        assertEquals(5.0 / 3, raw.drift(fill(raw, WINDOW), fill(raw, BASELINE)).value("avg_popularity@2"), EXACT);
    }

    @Test
    void unknownPopularitySkipDoesNotChangeTheDrift() {
        Metric<CatalogState> zero = spec(2, 3).create();
        Metric<CatalogState> skip = spec(2, 3).param("unknown_popularity", "skip").create();
        assertEquals(zero.drift(fill(zero, WINDOW), fill(zero, BASELINE)),
                skip.drift(fill(skip, WINDOW), fill(skip, BASELINE)));
    }

    @Test
    void withAPopularityFileOnlyTheExposureDistanceIsADriftStatistic() throws IOException {
        Path file = Files.createTempFile("pop", ".csv");
        file.toFile().deleteOnExit();
        Files.write(file, List.of("item,count", "a,10", "b,5"));
        Metric<CatalogState> m = spec(2).param("item_popularity", file.toString()).create();
        MetricValue d = m.drift(fill(m, WINDOW), fill(m, BASELINE));
        assertEquals(List.of("exposure_total_variation@2"), List.copyOf(d.values().keySet()));
        assertEquals(13.0 / 35, d.value("exposure_total_variation@2"), EXACT);
    }

    @Test
    void undefinedWithoutABaselineExposureOrUsers() {
        Metric<CatalogState> m = spec(2).create();
        MetricValue nothingShown = m.drift(fill(m, WINDOW), fill(m, List.of(List.of(), List.of())));
        assertTrue(nothingShown.values().values().stream().allMatch(v -> v == null), nothingShown.toString());
        MetricValue emptyWindow = m.drift(fill(m, List.of(List.of())), fill(m, BASELINE));
        assertNull(emptyWindow.value("avg_popularity@2"));
        assertNull(emptyWindow.value("tail_share@2"));
        assertNull(emptyWindow.value("exposure_total_variation@2"));
        assertEquals(3.125, emptyWindow.value("baseline_avg_popularity@2"), EXACT);
    }

    @Test
    void driftChangesNeitherState() {
        Metric<CatalogState> m = spec(2, 3).param("max_items", 3L).create();
        CatalogState window = fill(m, WINDOW);
        CatalogState baseline = fill(m, BASELINE);
        byte[] w = m.codec().toBytes(window);
        byte[] b = m.codec().toBytes(baseline);
        m.drift(window, baseline);
        m.drift(baseline, baseline);
        assertTrue(java.util.Arrays.equals(w, m.codec().toBytes(window)));
        assertTrue(java.util.Arrays.equals(b, m.codec().toBytes(baseline)));
    }

    // ---- beyond the exact bound ----

    /** Lists of {@code len} distinct items drawn from a Zipf(1.1) law over {@code items} items. */
    private static List<List<String>> zipfLists(Random random, int users, int len, int items) {
        double[] cdf = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            total += 1 / Math.pow(i + 1, 1.1);
            cdf[i] = total;
        }
        List<List<String>> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            List<String> list = new ArrayList<>();
            while (list.size() < len) {
                double x = random.nextDouble() * total;
                int lo = 0;
                int hi = items - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cdf[mid] < x) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                String id = "i" + lo;
                if (!list.contains(id)) {
                    list.add(id);
                }
            }
            out.add(list);
        }
        return out;
    }

    /** Number of appearances in the top-k lists: what the baseline's sketch at k has counted. */
    private static long appearances(List<List<String>> lists, int k) {
        return lists.stream().mapToLong(l -> Math.min(k, l.size())).sum();
    }

    /**
     * Checks a sketched drift against the exact one on the same data: each average within the
     * reported bound, the bound above 0 (the sketches did purge) and under its a priori worst case.
     */
    private static void assertWithinBound(MetricValue sketched, MetricValue exact, int k, double apriori, String what) {
        Double bound = sketched.value("popularity_error@" + k);
        assertNotNull(bound, what);
        assertTrue(bound > 0, what + ": the sketches should have purged");
        assertTrue(bound <= apriori, what + ": bound " + bound + " above its a priori value " + apriori);
        for (String out : List.of("avg_popularity@" + k, "baseline_avg_popularity@" + k)) {
            double e = exact.value(out);
            Double s = sketched.value(out);
            if (s == null) {
                continue;
            }
            assertTrue(Math.abs(s - e) <= bound, what + " " + out + ": " + s + " is not within " + bound + " of " + e);
        }
    }

    @Test
    void beyondTheBoundTheAveragesAreWithinTheReportedError() {
        Random random = new Random(11);
        List<List<String>> baseline = zipfLists(random, 4000, 10, 3000);
        List<List<String>> window = zipfLists(random, 1000, 10, 3000);
        // A map of 64 (48 counters, epsilon = 3.5/64) over thousands of items purges often.
        int lgMap = 6;
        double epsilon = 3.5 / (1 << lgMap);
        for (String denominator : List.of("list_length", "k")) {
            Metric<CatalogState> exact = spec(5, 10).param("per_user_denominator", denominator).create();
            Metric<CatalogState> sketched = spec(5, 10).param("per_user_denominator", denominator)
                    .param("max_items", 100L).param("frequent_items_lg_map_size", (long) lgMap).create();
            MetricValue e = exact.drift(fill(exact, window), fill(exact, baseline));
            // Split and merged, then through the codec, as the host builds windows.
            CatalogState w = fill(sketched, window.subList(0, 500));
            sketched.merge(w, fill(sketched, window.subList(500, 1000)));
            CatalogState b = fill(sketched, baseline.subList(0, 1500));
            sketched.merge(b, fill(sketched, baseline.subList(1500, 4000)));
            b = sketched.codec().fromBytes(sketched.codec().toBytes(b));
            MetricValue s = sketched.drift(w, b);
            for (int k : new int[] {5, 10}) {
                String what = denominator + " k=" + k;
                assertWithinBound(s, e, k, 4.625 * epsilon * appearances(baseline, k), what);
                assertNotNull(s.value("avg_popularity@" + k), what);
                assertNotNull(s.value("baseline_avg_popularity@" + k), what);
                assertNull(s.value("tail_share@" + k), what + ": the tail needs every count");
                assertNull(s.value("exposure_total_variation@" + k), what);
            }
        }
    }

    @Test
    void onlyTheBaselineSketchedTheErrorIsAtMostEpsilonTimesItsAppearances() {
        Random random = new Random(12);
        List<List<String>> baseline = zipfLists(random, 4000, 10, 3000);
        List<List<String>> window = zipfLists(random, 20, 10, 3000); // at most 200 items: exact
        int lgMap = 7;
        Metric<CatalogState> exact = spec(10).create();
        Metric<CatalogState> sketched = spec(10).param("max_items", 300L)
                .param("frequent_items_lg_map_size", (long) lgMap).create();
        CatalogState w = fill(sketched, window);
        CatalogState b = fill(sketched, baseline);
        assertTrue(!w.overflowed && b.overflowed);
        MetricValue s = sketched.drift(w, b);
        MetricValue e = exact.drift(fill(exact, window), fill(exact, baseline));
        assertWithinBound(s, e, 10, 3.5 / (1 << lgMap) * appearances(baseline, 10), "baseline sketched");
        // The exposure distance and tail need the baseline's every count.
        assertNull(s.value("tail_share@10"));
        assertNull(s.value("exposure_total_variation@10"));
    }

    @Test
    void onlyTheWindowSketchedTheAverageIsWithinTheReportedError() {
        Random random = new Random(13);
        List<List<String>> baseline = zipfLists(random, 25, 10, 3000); // exact
        List<List<String>> window = zipfLists(random, 4000, 10, 3000);
        int lgMap = 6;
        Metric<CatalogState> exact = spec(10).create();
        Metric<CatalogState> sketched = spec(10).param("max_items", 300L)
                .param("frequent_items_lg_map_size", (long) lgMap).create();
        CatalogState w = fill(sketched, window);
        CatalogState b = fill(sketched, baseline);
        assertTrue(w.overflowed && !b.overflowed);
        MetricValue s = sketched.drift(w, b);
        MetricValue e = exact.drift(fill(exact, window), fill(exact, baseline));
        assertWithinBound(s, e, 10, 3.5 / (1 << lgMap) * appearances(baseline, 10), "window sketched");
        assertEquals(e.value("baseline_avg_popularity@10"), s.value("baseline_avg_popularity@10"), EXACT);
        assertNull(s.value("tail_share@10"));
    }

    @Test
    void aSketchedStateWithAListShorterThanKHasNoAverageAtThatK() {
        Metric<CatalogState> m = spec(2, 3).param("max_items", 2L).create();
        // Every window list has 2 items: short at k=3 only.
        CatalogState window = fill(m, List.of(List.of("a", "b"), List.of("c", "d"), List.of("a", "c")));
        CatalogState baseline = fill(m, BASELINE);
        assertTrue(window.overflowed);
        MetricValue d = m.drift(window, baseline);
        // At k=2 the sketches hold every count (no purge): (4+2)/2, (0+1)/2, (4+0)/2 -> 5.5/3.
        assertEquals(5.5 / 3, d.value("avg_popularity@2"), EXACT);
        assertEquals(0.0, d.value("popularity_error@2"));
        assertNull(d.value("avg_popularity@3"), "a sketch cannot weight a list of 2 by 1/2 at k=3");
        // Under /k every user divides by k: (6 + 1 + 4) / 3 / 3 at k=3, with a=4 b=2 c=1 d=1.
        Metric<CatalogState> byK = spec(2, 3).param("max_items", 2L).param("per_user_denominator", "k").create();
        MetricValue dk = byK.drift(fill(byK, List.of(List.of("a", "b"), List.of("c", "d"), List.of("a", "c"))),
                fill(byK, BASELINE));
        assertEquals((6.0 + 2 + 5) / 3 / 3, dk.value("avg_popularity@3"), EXACT);
    }

    // ---- states of codec version 2 ----

    @Test
    void aVersionTwoBaselineGivesPopularityButNotItsOwnAverages() throws IOException {
        Path v2 = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden",
                "CatalogBaselineConformanceTest", "v2.state");
        CatalogBaselineConformanceTest conformance = new CatalogBaselineConformanceTest();
        Metric<CatalogState> m = conformance.metric();
        CatalogState old = m.codec().fromBytes(Files.readAllBytes(v2));
        // The same input counted by this release.
        CatalogState same = m.newState();
        conformance.observations(new Random(MetricConformanceTest.GOLDEN_SEED)).forEach(o -> m.add(same, o));
        CatalogState window = fill(m, WINDOW);
        MetricValue fromOld = m.drift(window, old);
        MetricValue fromNew = m.drift(window, same);
        for (int k : new int[] {1, 5, 10}) {
            // Popularity is the baseline's counts, which version 2 kept.
            assertEquals(fromNew.value("avg_popularity@" + k), fromOld.value("avg_popularity@" + k), EXACT);
            assertEquals(fromNew.value("tail_share@" + k), fromOld.value("tail_share@" + k), EXACT);
            assertEquals(fromNew.value("exposure_total_variation@" + k),
                    fromOld.value("exposure_total_variation@" + k), EXACT);
            // Its own averages divide by list lengths that version 2 did not count.
            assertNotNull(fromNew.value("baseline_avg_popularity@" + k));
            assertNull(fromOld.value("baseline_avg_popularity@" + k));
        }
    }

    @Test
    void versionThreeGoldenStatesGiveTheDriftOfAFreshCount() throws IOException {
        for (CatalogBaselineConformanceTest conformance : List.of(
                new CatalogBaselineConformanceTest(), new CatalogBaselineOverflowConformanceTest())) {
            String name = conformance.getClass().getSimpleName();
            Path v3 = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden", name, "v3.state");
            Metric<CatalogState> m = conformance.metric();
            CatalogState golden = m.codec().fromBytes(Files.readAllBytes(v3));
            CatalogState fresh = m.newState();
            conformance.observations(new Random(MetricConformanceTest.GOLDEN_SEED)).forEach(o -> m.add(fresh, o));
            CatalogState window = m.newState();
            conformance.observations(new Random(7)).forEach(o -> m.add(window, o));
            for (MetricValue[] pair : List.of(
                    new MetricValue[] {m.drift(window, fresh), m.drift(window, golden)},
                    new MetricValue[] {m.drift(fresh, window), m.drift(golden, window)})) {
                io.modelwatch.testkit.MetricValues.assertClose(pair[0], pair[1], EXACT, name);
                assertTrue(pair[1].values().values().stream().anyMatch(v -> v != null), name + ": " + pair[1]);
            }
        }
    }
}
