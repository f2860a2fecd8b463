package io.modelwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricValues;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Input handling of {@code vision.calibration}: logits, names, rejections, empty states, bad parameters. */
class CalibrationMetricTest {

    @Test
    void logitsWithTemperatureGiveTheSameResultAsTheirProbabilities() {
        double temperature = 2.5;
        List<Observation> probs = new ArrayList<>();
        List<Observation> logits = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            double[] p = new double[4];
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                p[c] = 0.05 + random.nextDouble();
                sum += p[c];
            }
            double[] z = new double[4];
            for (int c = 0; c < 4; c++) {
                p[c] /= sum;
                // softmax(z / T) = p when z = T ln p (+ any constant)
                z[c] = temperature * Math.log(p[c]) + 3.0;
            }
            double label = random.nextInt(4);
            probs.add(TestObservation.at(i).with("probs", p).with("label", label).build());
            logits.add(TestObservation.at(i).with("probs", z).with("label", label).build());
        }
        MetricValue fromProbs = CalibrationCases.run(probs);
        MetricValue fromLogits = CalibrationCases.run(logits, "input", "logits", "temperature", temperature);
        MetricValues.assertClose(fromProbs, fromLogits, 1e-12, "logits against probabilities");
    }

    @Test
    void classNamesAndIndexesAreTheSameLabels() {
        List<String> names = List.of("cat", "dog", "bird");
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}, {0.5, 0.25, 0.25}};
        int[] y = {0, 2, 2, 1};
        List<Observation> byIndex = new ArrayList<>();
        List<Observation> byName = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            byIndex.add(TestObservation.at(i).with("probs", p[i]).with("label", (double) y[i]).build());
            byName.add(TestObservation.at(i).with("probs", p[i]).with("label", names.get(y[i])).build());
        }
        MetricValue a = CalibrationCases.run(byIndex);
        MetricValue b = CalibrationCases.run(byName, "classes", names);
        MetricValues.assertClose(a, b, 0.0, "names against indexes");
        // by hand: top labels 0,1,2,0 against 0,2,2,1 -> 2 of 4 right; confidences .7,.8,.4,.5
        assertEquals(0.5, a.value("accuracy"));
        assertEquals((0.7 + 0.8 + 0.4 + 0.5) / 4, a.value("mean_confidence"), 1e-15);
    }

    @Test
    void badRecordsAreCountedAsRejected() {
        List<Observation> records = List.of(
                TestObservation.at(0).with("probs", new double[] {0.6, 0.4}).with("label", 0.0).build(),
                TestObservation.at(1).with("probs", new double[] {Double.NaN, 0.4}).with("label", 0.0).build(),
                TestObservation.at(2).with("probs", new double[] {0.6, 0.4}).build(),
                TestObservation.at(3).with("probs", new double[] {0.6, 0.4}).with("label", 2.0).build(),
                TestObservation.at(4).with("probs", new double[] {0.6, 0.4}).with("label", 0.5).build(),
                TestObservation.at(5).with("probs", new double[] {1.0}).with("label", 0.0).build(),
                TestObservation.at(6).with("probs", new double[] {-0.1, 1.1}).with("label", 1.0).build(),
                TestObservation.at(7).with("label", 1.0).build(),
                TestObservation.at(8).with("score", 0.9).with("label", "1").build());
        MetricValue v = CalibrationCases.run(records);
        assertEquals(2, v.count());
        assertEquals(7, v.rejected());
        MetricValue positive = CalibrationCases.run(List.of(
                TestObservation.at(0).with("probs", new double[] {0.2, 0.3, 0.5}).with("label", 0.0).build(),
                TestObservation.at(1).with("score", 0.3).with("label", 0.0).build()), "mode", "positive_class");
        assertEquals(1, positive.count());
        assertEquals(1, positive.rejected());
    }

    @Test
    void nllClipsTinyAndCertainProbabilities() {
        // true-class probabilities 1e-20 (below eps = 2^-52), 1.0, 0.5 and 0 (label 1 against score 0)
        List<Observation> records = List.of(
                TestObservation.at(0).with("score", 1e-20).with("label", 1.0).build(),
                TestObservation.at(1).with("score", 1.0).with("label", 1.0).build(),
                TestObservation.at(2).with("score", 0.5).with("label", 1.0).build());
        double eps = 0x1p-52;
        MetricValue clipped = CalibrationCases.run(records);
        assertEquals((-Math.log(eps) - Math.log(1 - eps) + Math.log(2)) / 3, clipped.value("nll"), 1e-15);
        assertEquals(0.0, clipped.value("nll_infinite"));
        MetricValue raw = CalibrationCases.run(records, "nll_clip", false);
        assertEquals((-Math.log(1e-20) + Math.log(2)) / 3, raw.value("nll"), 1e-15);
        List<Observation> withZero = new ArrayList<>(records);
        withZero.add(TestObservation.at(3).with("score", 0.0).with("label", 1.0).build());
        assertEquals(null, CalibrationCases.run(withZero, "nll_clip", false).value("nll"));
        MetricValue zeroClipped = CalibrationCases.run(withZero);
        assertEquals(1.0, zeroClipped.value("nll_infinite"));
        assertEquals((-2 * Math.log(eps) - Math.log(1 - eps) + Math.log(2)) / 4, zeroClipped.value("nll"), 1e-14);
    }

    @Test
    void anEmptyStateHasEveryOutputUndefined() {
        MetricValue v = CalibrationCases.run(List.of());
        assertThat(v.values()).containsOnlyKeys("ece", "rmsce", "mce", "ace", "brier", "brier_binary", "nll",
                "nll_infinite", "accuracy", "mean_confidence", "overconfidence", "ece_error_bound");
        assertThat(v.values().values()).containsOnlyNulls();
        assertEquals(16, v.tables().get("reliability").rows().size(), "15 bins plus the torchmetrics slot for 1.0");
        assertThat(new CalibrationFactory().outputs()).extracting(o -> o.name())
                .containsAll(v.values().keySet()).contains("reliability");
    }

    @Test
    void parametersThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> TestMetricSpec.of(new CalibrationFactory())
                .param("mode", "positive_class").param("classes", List.of("a", "b", "c")).create())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive_class");
        assertThatThrownBy(() -> TestMetricSpec.of(new CalibrationFactory()).param("n_bins", 0).create())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n_bins");
        assertThatThrownBy(() -> TestMetricSpec.of(new CalibrationFactory())
                .param("input", "logits").param("temperature", 0.0).create())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
    }

    @Test
    void theGridBoundHoldsOnSkewedConfidences() {
        // top-label confidences of a sharp 10-class model crowd near 1: the grid is fine there
        List<Observation> records = CalibrationConformanceTest.tenClassRecords(new Random(3), 20_000);
        for (long n : new long[] {5, 15}) {
            MetricValue exact = CalibrationCases.run(records, "classes", CalibrationConformanceTest.CLASSES,
                    "binning", "equal_mass", "n_bins", n, "exact_limit", 100_000L);
            MetricValue grid = CalibrationCases.run(records, "classes", CalibrationConformanceTest.CLASSES,
                    "binning", "equal_mass", "n_bins", n, "exact_limit", 0L);
            double bound = grid.value("ece_error_bound");
            assertThat(bound).isGreaterThan(0).isLessThan(0.05);
            assertThat(Math.abs(grid.value("ece") - exact.value("ece"))).isLessThanOrEqualTo(bound);
            assertEquals(0.0, exact.value("ece_error_bound"));
            Map<String, Double> same = Map.of("brier", exact.value("brier"), "accuracy", exact.value("accuracy"));
            same.forEach((k, x) -> assertEquals(x, grid.value(k), 1e-12, k));
        }
    }
}
