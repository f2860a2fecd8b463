package io.modelwatch.vision;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Merge laws and codec of {@code vision.calibration} with equal-mass bins on binary scores in
 * positive-class mode. The exact limit (120) is below the input size (300), so parts stay exact
 * while merged states switch to the grid, and both forms go through the codec.
 */
class EqualMassCalibrationConformanceTest extends MetricConformanceTest<CalibrationState> {
    @Override
    protected Metric<CalibrationState> metric() {
        return TestMetricSpec.of(new CalibrationFactory())
                .param("binning", "equal_mass")
                .param("mode", "positive_class")
                .param("exact_limit", 120)
                .param("n_bins", 10)
                .create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double p = random.nextDouble();
            // a few repeated and extreme values, as real scores have
            switch (random.nextInt(20)) {
                case 0 -> p = 0.5;
                case 1 -> p = 1.0;
                case 2 -> p = 0.0;
                default -> { }
            }
            double y = random.nextDouble() < p * p ? 1.0 : 0.0;
            TestObservation.Builder b = TestObservation.at(i).with("score", p).with("label", y);
            switch (random.nextInt(50)) {
                case 0 -> b.with("score", "not a number");
                case 1 -> b.with("label", 2.0);
                case 2 -> b.with("probs", new double[] {0.2, 0.3, 0.5});
                default -> { }
            }
            out.add(b.build());
        }
        return out;
    }
}
