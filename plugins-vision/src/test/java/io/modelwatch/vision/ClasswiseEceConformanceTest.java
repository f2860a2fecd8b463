package io.modelwatch.vision;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.List;
import java.util.Random;

/** Merge laws and codec of {@code vision.classwise_ece}, 10 named classes, 4 shown plus __other__. */
class ClasswiseEceConformanceTest extends MetricConformanceTest<ClasswiseState> {
    @Override
    protected Metric<ClasswiseState> metric() {
        return TestMetricSpec.of(new ClasswiseEceFactory())
                .param("classes", CalibrationConformanceTest.CLASSES)
                .param("max_classes", 4)
                .create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return CalibrationConformanceTest.tenClassRecords(random, 300);
    }
}
