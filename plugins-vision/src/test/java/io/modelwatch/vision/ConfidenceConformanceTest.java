package io.modelwatch.vision;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.List;
import java.util.Random;

/** Merge laws and codec of {@code vision.confidence} on 10-class probabilities (labels ignored). */
class ConfidenceConformanceTest extends MetricConformanceTest<ConfidenceState> {
    @Override
    protected Metric<ConfidenceState> metric() {
        return TestMetricSpec.of(new ConfidenceFactory())
                .param("classes", CalibrationConformanceTest.CLASSES)
                .param("max_classes", 5)
                .create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return CalibrationConformanceTest.tenClassRecords(random, 300);
    }
}
