package io.modelwatch.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The drift formulas against values worked by hand or from standard tables (in the comments). */
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
    void chiSquareWorkedByHand() {
        // baseline (30, 70), current (50, 50): expected 40/60 in each row
        // (10^2/40 + 10^2/60) * 2 = 8.333.., 1 degree of freedom
        long[] b = {30, 70, 0};
        long[] c = {50, 50, 0};
        assertEquals(2 * (100.0 / 40 + 100.0 / 60), ConfidenceDrift.chiSquare(b, c), 1e-12);
        assertEquals(1, ConfidenceDrift.chiSquareDegrees(b, c));
        // 2 degrees of freedom: P(X >= x) = exp(-x / 2) exactly
        for (double x : new double[] {0.1, 1, 5.991464547107979, 30}) {
            assertEquals(Math.exp(-x / 2), ConfidenceDrift.chiSquarePValue(x, 2), 1e-14, "x=" + x);
        }
        // table values: the 95 % quantiles of chi2 with 1, 3, 4, 10 degrees of freedom
        assertEquals(0.05, ConfidenceDrift.chiSquarePValue(3.841458820694124, 1), 1e-12);
        assertEquals(0.05, ConfidenceDrift.chiSquarePValue(7.814727903251178, 3), 1e-12);
        assertEquals(0.05, ConfidenceDrift.chiSquarePValue(9.487729036781154, 4), 1e-12);
        assertEquals(0.05, ConfidenceDrift.chiSquarePValue(18.307038053275146, 10), 1e-12);
        // 1 degree of freedom: P = erfc(sqrt(x/2)); at x = 1 that is 0.31731050786291404
        assertEquals(0.31731050786291404, ConfidenceDrift.chiSquarePValue(1.0, 1), 1e-12);
        assertEquals(Math.log(24), ConfidenceDrift.logGamma(5), 1e-14);
        assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), ConfidenceDrift.logGamma(2.5), 1e-14);
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
