package io.modelwatch.nlp;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.nlp.ter.TerFactory;
import io.modelwatch.nlp.ter.TerState;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.List;
import java.util.Random;

/** Merge laws, codec and golden state of {@code nlp.ter} (normalized). */
class TerMetricTest extends MetricConformanceTest<TerState> {
    @Override
    protected Metric<TerState> metric() {
        return TestMetricSpec.of(new TerFactory()).param("normalized", true).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return TextSamples.records(random, 300);
    }
}
