package io.modelwatch.recsys.catalog;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.List;
import java.util.Random;

/**
 * Merge laws, codec and golden state of {@code recsys.catalog} without a popularity file, where
 * popularity is counted from the baseline: random lists (many shorter than the largest k, some
 * empty) with repeats, scores and bad records.
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
}
