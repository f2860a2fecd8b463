package io.modelwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The drift statistics of {@code vision.confidence} (PSI; KS and χ² from Commons Math) against
 * values worked by hand, exact formulas or tables (in the comments), not against our own code.
 */
class ConfidenceDriftTest {

    @Test
    void psiWorkedByHand() {
        // shares b = (.5, .3, .2), c = (.4, .3, .3):
        // (.4 - .5) ln(.4/.5) + 0 + (.3 - .2) ln(.3/.2) = .1 ln 1.25 + .1 ln 1.5 = 0.06286086594223742
        assertEquals(0.1 * Math.log(1.25) + 0.1 * Math.log(1.5),
                ConfidenceDrift.psi(new long[] {50, 30, 20}, new long[] {40, 30, 30}, 1e-4), 1e-15);
        assertEquals(0.06286086594223742, ConfidenceDrift.psi(new long[] {50, 30, 20}, new long[] {40, 30, 30}, 1e-4),
                1e-15);
        // an empty bin is floored: b = (1, 0) c = (.5, .5) -> (.5-1) ln .5 + (.5-1e-4) ln(.5/1e-4)
        assertEquals(-0.5 * Math.log(0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4),
                ConfidenceDrift.psi(new long[] {10, 0}, new long[] {5, 5}, 1e-4), 1e-15);
        assertEquals(0.0, ConfidenceDrift.psi(new long[] {3, 6}, new long[] {1, 2}, 1e-4), 1e-15);
    }

    @Test
    void ksWorkedByHand() {
        // CDFs after each bin: b = .2 .5 1, c = .5 .6 1 -> max |diff| = .3
        assertEquals(0.3, ConfidenceDrift.ksStatistic(new long[] {2, 3, 5}, new long[] {5, 1, 4}), 1e-15);
        // Kolmogorov Q(1) = 2 (e^-2 - e^-8 + e^-18 - ...) = 0.26999967167735456 (tables: 0.2700)
        // lambda = d sqrt(nm/(n+m)) = 0.1 sqrt(200 * 200 / 400) = 1
        assertEquals(0.26999967167735456, ConfidenceDrift.ksPValue(0.1, 200, 200), 1e-12);
        // Q(1.3581) = 0.0500 (the 5 % critical value of the Kolmogorov distribution)
        assertEquals(0.05, ConfidenceDrift.ksPValue(1.3581 / 10, 200, 200), 1e-4);
        assertEquals(1.0, ConfidenceDrift.ksPValue(0.0, 10, 10));
    }

    @Test
    void smallSamplesUseTheExactKsDistribution() {
        // n = m = 10, d = 3/10: P(D >= k/n) = 2 sum_j (-1)^(j+1) C(2n, n - j k) / C(2n, n) (Gnedenko)
        //   = 2 (C(20,7) - C(20,4) + C(20,1)) / C(20,10) = 2 (77520 - 4845 + 20) / 184756
        assertEquals(2.0 * (77520 - 4845 + 20) / 184756, ConfidenceDrift.ksPValue(0.3, 10, 10), 1e-12);
        // n = m = 4, d = 1/2: 2 (C(8,2) - C(8,0)) / C(8,4) = 54 / 70
        assertEquals(54.0 / 70, ConfidenceDrift.ksPValue(0.5, 4, 4), 1e-12);
    }

    @Test
    void chiSquareWorkedByHand() {
        // baseline (30, 70), current (50, 50): expected 40/60 in each row
        // (10^2/40 + 10^2/60) * 2 = 8.333.., 1 degree of freedom; P = erfc(sqrt(x / 2)) =
        // 0.003892417122778627 (Python math.erfc)
        long[] b = {30, 70, 0};
        long[] c = {50, 50, 0};
        assertEquals(2 * (100.0 / 40 + 100.0 / 60), ConfidenceDrift.chiSquare(b, c), 1e-12);
        assertEquals(1, ConfidenceDrift.chiSquareDegrees(b, c));
        assertEquals(0.003892417122778627, ConfidenceDrift.chiSquarePValue(b, c), 1e-12);
        // 2 degrees of freedom, where P(X >= x) = exp(-x / 2) exactly:
        // baseline (20, 30, 50), current (30, 30, 40); columns 50, 60, 90 of N = 200, rows of 100,
        // so every expected count is half its column
        long[] b3 = {20, 30, 50};
        long[] c3 = {30, 30, 40};
        double x = 0;
        for (int i = 0; i < 3; i++) {
            double e = (b3[i] + c3[i]) / 2.0;
            x += (b3[i] - e) * (b3[i] - e) / e + (c3[i] - e) * (c3[i] - e) / e;
        }
        assertEquals(25.0 / 25 * 2 + 0 + 25.0 / 45 * 2, x, 1e-15);
        assertEquals(x, ConfidenceDrift.chiSquare(b3, c3), 1e-12);
        assertEquals(2, ConfidenceDrift.chiSquareDegrees(b3, c3));
        assertEquals(Math.exp(-x / 2), ConfidenceDrift.chiSquarePValue(b3, c3), 1e-12);
        // one class predicted by both: nothing to test
        assertEquals(0.0, ConfidenceDrift.chiSquare(new long[] {5, 0}, new long[] {7, 0}));
        assertEquals(Double.NaN, ConfidenceDrift.chiSquarePValue(new long[] {5, 0}, new long[] {7, 0}));
        assertEquals(Double.NaN, ConfidenceDrift.chiSquare(new long[] {0, 0}, new long[] {7, 1}));
    }

    /**
     * The metric's drift output on four records a side, every value worked by hand. Confidences
     * (20 histogram bins [k/20, (k+1)/20)): baseline .6 .7 .8 .9 (classes 1 0 1 1), current
     * .65 .75 .95 .99 (classes 1 0 0 1).
     */
    @Test
    void theMetricReportsItsDriftAgainstTheBaseline() {
        Metric<ConfidenceState> m = ConfidenceMetricTest.metric();
        ConfidenceState base = ConfidenceMetricTest.fill(m, rows(
                new double[] {0.4, 0.6}, new double[] {0.7, 0.3}, new double[] {0.2, 0.8}, new double[] {0.1, 0.9}));
        ConfidenceState current = ConfidenceMetricTest.fill(m, rows(
                new double[] {0.35, 0.65}, new double[] {0.75, 0.25}, new double[] {0.95, 0.05},
                new double[] {0.01, 0.99}));
        MetricValue d = m.drift(current, base);
        assertEquals(List.of("confidence_psi", "confidence_ks", "confidence_ks_p_value", "predicted_class_chi2",
                "predicted_class_chi2_df", "predicted_class_chi2_p_value"), List.copyOf(d.values().keySet()));
        // PSI: baseline .25 in bins 12, 14, 16, 18; current .25 in 13 and 15, .5 in 19; others floored
        double f = 1e-4;
        double psi = 4 * (f - 0.25) * Math.log(f / 0.25) + 2 * (0.25 - f) * Math.log(0.25 / f)
                + (0.5 - f) * Math.log(0.5 / f);
        assertEquals(psi, d.value("confidence_psi"), 1e-12);
        // merged order .6b .65c .7b .75c .8b .9b .95c .99c: F_b - F_c peaks at .5 after .9;
        // exact two-sample P(D >= 1/2) for n = m = 4 is 54/70 (as above)
        assertEquals(0.5, d.value("confidence_ks"), 1e-15);
        assertEquals(54.0 / 70, d.value("confidence_ks_p_value"), 1e-12);
        // classes (1, 3) against (2, 2): expected 1.5 and 2.5 on both rows -> chi2 = 2 (.25/1.5 + .25/2.5)
        // = 8/15; P = erfc(sqrt(4/15)) = 0.46520881845214174 (Python math.erfc)
        assertEquals(8.0 / 15, d.value("predicted_class_chi2"), 1e-12);
        assertEquals(1.0, d.value("predicted_class_chi2_df"));
        assertEquals(0.46520881845214174, d.value("predicted_class_chi2_p_value"), 1e-12);
        assertEquals(4, d.count());
        assertThat(m.drift(m.newState(), base).values().values()).containsOnlyNulls();
        assertThat(m.drift(current, m.newState()).values().values()).containsOnlyNulls();
    }

    private static List<Observation> rows(double[]... probs) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < probs.length; i++) {
            out.add(TestObservation.at(i).with("probs", probs[i]).build());
        }
        return out;
    }

    @Test
    void statesOfTheSameModelDoNotDriftAndAShiftedModelDoes() {
        Metric<ConfidenceState> m = ConfidenceMetricTest.metric();
        ConfidenceState base = ConfidenceMetricTest.fill(m, scores(new Random(1), 4000, 0.0));
        ConfidenceState same = ConfidenceMetricTest.fill(m, scores(new Random(2), 4000, 0.0));
        ConfidenceState shifted = ConfidenceMetricTest.fill(m, scores(new Random(3), 4000, 0.15));
        ConfidenceDrift.Result quiet = ConfidenceDrift.compare(base, same, 1e-4);
        ConfidenceDrift.Result loud = ConfidenceDrift.compare(base, shifted, 1e-4);
        assertTrue(quiet.psi() < 0.02 && quiet.ksPValue() > 0.01 && quiet.chiSquarePValue() > 0.01, quiet.toString());
        assertTrue(loud.psi() > 0.1 && loud.ksPValue() < 1e-6 && loud.chiSquarePValue() < 1e-6, loud.toString());
        assertEquals(1, loud.chiSquareDegrees());
    }

    private static List<Observation> scores(Random random, int n, double shift) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestObservation.at(i).with("score", Math.min(1, random.nextDouble() * (1 - shift) + shift)).build());
        }
        return out;
    }
}
