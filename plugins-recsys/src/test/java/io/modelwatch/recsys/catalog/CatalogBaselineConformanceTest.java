package io.modelwatch.recsys.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.MetricValues;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Merge laws, codec and golden state of {@code recsys.catalog} without a popularity file, where
 * popularity is counted from the baseline: random lists (many shorter than the largest k, some
 * empty) with repeats, scores and bad records. The drift statistics obey the same laws: any split
 * of the window and of the baseline, merged in any order and sent through the codec, gives the
 * drift of one pass, and drift changes neither state.
 */
class CatalogBaselineConformanceTest extends MetricConformanceTest<CatalogState> {
    /** The bound of distinct items this configuration counts exactly. */
    protected long maxItems() {
        return 100_000;
    }

    @Override
    protected Metric<CatalogState> metric() {
        return TestMetricSpec.of(new CatalogFactory())
                .param("k", List.of(1L, 5L, 10L))
                .param("catalog_size", 50L)
                .param("max_items", maxItems())
                .create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return CatalogConformanceTest.records(random);
    }

    private CatalogState fill(Metric<CatalogState> m, List<Observation> records) {
        CatalogState s = m.newState();
        records.forEach(o -> m.add(s, o));
        return s;
    }

    /** Splits {@code records} at random, fills a state per part and merges them in a random order. */
    private CatalogState splitAndMerge(Metric<CatalogState> m, List<Observation> records, Random random) {
        int parts = 1 + random.nextInt(6);
        List<List<Observation>> split = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            split.add(new ArrayList<>());
        }
        records.forEach(o -> split.get(random.nextInt(parts)).add(o));
        List<CatalogState> states = new ArrayList<>();
        split.forEach(part -> states.add(fill(m, part)));
        Collections.shuffle(states, random);
        while (states.size() > 1) {
            CatalogState source = states.remove(random.nextInt(states.size()));
            m.merge(states.get(random.nextInt(states.size())), source);
        }
        return m.codec().fromBytes(m.codec().toBytes(states.get(0)));
    }

    @Test
    void driftOfAnySplitMergedInAnyOrderEqualsOnePass() {
        Metric<CatalogState> m = metric();
        for (long seed = 20; seed < 28; seed++) {
            List<Observation> window = observations(new Random(seed));
            List<Observation> baseline = observations(new Random(seed + 1000));
            MetricValue expected = m.drift(fill(m, window), fill(m, baseline));
            Random random = new Random(seed * 31);
            MetricValue actual = m.drift(splitAndMerge(m, window, random), splitAndMerge(m, baseline, random));
            MetricValues.assertClose(expected, actual, tolerance(), "drift of the input of seed " + seed);
        }
    }

    @Test
    void driftChangesNeitherState() {
        Metric<CatalogState> m = metric();
        CatalogState window = fill(m, observations(new Random(30)));
        CatalogState baseline = fill(m, observations(new Random(31)));
        byte[] w = m.codec().toBytes(window);
        byte[] b = m.codec().toBytes(baseline);
        MetricValue first = m.drift(window, baseline);
        assertArrayEquals(w, m.codec().toBytes(window), "drift() changed the current state");
        assertArrayEquals(b, m.codec().toBytes(baseline), "drift() changed the baseline state");
        MetricValues.assertClose(first, m.drift(window, baseline), 0.0, "drift() read twice");
    }
}
