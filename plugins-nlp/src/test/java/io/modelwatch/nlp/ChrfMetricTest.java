package io.modelwatch.nlp;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.nlp.chrf.ChrfFactory;
import io.modelwatch.nlp.chrf.ChrfState;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.List;
import java.util.Random;

/** Merge laws, codec and golden state of {@code nlp.chrf} configured as chrF++. */
class ChrfMetricTest extends MetricConformanceTest<ChrfState> {
    @Override
    protected Metric<ChrfState> metric() {
        return TestMetricSpec.of(new ChrfFactory()).param("word_order", 2L).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return TextSamples.records(random, 300);
    }
}
