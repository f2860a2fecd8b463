package io.modelwatch.vision;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Merge laws and codec of {@code vision.calibration} with uniform bins, 10 named classes. */
class CalibrationConformanceTest extends MetricConformanceTest<CalibrationState> {
    static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    @Override
    protected Metric<CalibrationState> metric() {
        return TestMetricSpec.of(new CalibrationFactory()).param("classes", CLASSES).create();
    }

    /** Softmax of random logits; a fifth of the labels are names; about 5 % bad records. */
    static List<Observation> tenClassRecords(Random random, int n) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[10];
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                p[c] = Math.exp(1.5 * random.nextGaussian());
                sum += p[c];
            }
            for (int c = 0; c < 10; c++) {
                p[c] /= sum;
            }
            int label = random.nextInt(10);
            Object labelValue = random.nextInt(5) == 0 ? CLASSES.get(label) : (Object) (double) label;
            TestObservation.Builder b = TestObservation.at(i).id("r" + i).with("probs", p).with("label", labelValue);
            switch (random.nextInt(40)) {
                case 0 -> p[3] = Double.NaN;
                case 1 -> b.with("label", null);
                case 2 -> b.with("label", 12.0);
                case 3 -> b.with("label", "giraffe");
                case 4 -> p[0] = 1.5;
                default -> { }
            }
            out.add(b.build());
        }
        return out;
    }

    @Override
    protected List<Observation> observations(Random random) {
        return tenClassRecords(random, 300);
    }
}
