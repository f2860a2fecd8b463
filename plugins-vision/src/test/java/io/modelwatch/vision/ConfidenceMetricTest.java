package io.modelwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.Table;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code vision.confidence}: values worked by hand, quantiles against sorted samples, the grid. */
class ConfidenceMetricTest {

    static Metric<ConfidenceState> metric(Object... params) {
        TestMetricSpec spec = TestMetricSpec.of(new ConfidenceFactory());
        for (int i = 0; i < params.length; i += 2) {
            spec.param((String) params[i], params[i + 1]);
        }
        return spec.create();
    }

    static ConfidenceState fill(Metric<ConfidenceState> m, List<Observation> records) {
        ConfidenceState s = m.newState();
        records.forEach(o -> m.add(s, o));
        return s;
    }

    @Test
    void smallCaseWorkedByHand() {
        // rows: (.5,.5) -> top .5 class 0, entropy ln 2; (1,0) -> top 1 class 0, entropy 0;
        //       (.2,.8) -> top .8 class 1, entropy -(.2 ln .2 + .8 ln .8); score .9 -> (.1,.9) -> .9 class 1
        List<Observation> records = List.of(
                TestObservation.at(0).with("probs", new double[] {0.5, 0.5}).build(),
                TestObservation.at(1).with("probs", new double[] {1.0, 0.0}).build(),
                TestObservation.at(2).with("probs", new double[] {0.2, 0.8}).build(),
                TestObservation.at(3).with("score", 0.9).build(),
                TestObservation.at(4).with("probs", new double[] {0.2, Double.NaN}).build());
        Metric<ConfidenceState> m = metric("n_bins", 4L, "percentiles", List.of(50L));
        MetricValue v = m.result(fill(m, records));
        assertEquals(4, v.count());
        assertEquals(1, v.rejected());
        assertEquals((0.5 + 1.0 + 0.8 + 0.9) / 4, v.value("mean_confidence"), 1e-15);
        double h = Math.log(2) - (0.2 * Math.log(0.2) + 0.8 * Math.log(0.8)) - (0.1 * Math.log(0.1) + 0.9 * Math.log(0.9));
        assertEquals(h / 4, v.value("mean_entropy"), 1e-15);
        // bins [0,.25) [.25,.5) [.5,.75) [.75,1]: .5 -> bin 2; .8, .9, 1 -> bin 3
        Table hist = v.tables().get("confidence_histogram");
        assertEquals(List.of(0L, 0L, 1L, 3L), hist.rows().stream().map(r -> r.get(2)).toList());
        assertEquals(0.75, hist.rows().get(3).get(3));
        Table classes = v.tables().get("predicted_classes");
        assertEquals(List.of(Arrays.asList("0", 2L, 0.5), Arrays.asList("1", 2L, 0.5)), classes.rows());
        // median of {.5, .8, .9, 1}: rank 2 of 4 -> the cell of .8 (width < .2/128)
        assertEquals(0.8, v.value("confidence_p50"), 0.2 / 128);
    }

    @Test
    void quantilesLieInTheCellOfTheOrderStatistic() {
        Random random = new Random(11);
        List<Observation> records = CalibrationConformanceTest.tenClassRecords(random, 5000);
        Metric<ConfidenceState> m = metric("percentiles", List.of(1L, 10L, 50L, 90L, 99L));
        ConfidenceState s = fill(m, records);
        MetricValue v = m.result(s);
        List<Double> top = new ArrayList<>();
        ConfidenceState probe = m.newState();
        for (Observation o : records) {
            long before = probe.count;
            m.add(probe, o);
            if (probe.count > before) {
                double[] p = o.numbers(new io.modelwatch.api.FieldRef(0, "probs", io.modelwatch.api.InputKind.NUMBERS));
                top.add(Arrays.stream(p).max().getAsDouble());
            }
        }
        double[] sorted = top.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (int pct : new int[] {1, 10, 50, 90, 99}) {
            double exact = sorted[(int) Math.ceil(pct / 100.0 * sorted.length) - 1];
            int cell = ConfidenceGrid.cell(exact);
            double q = v.value("confidence_p" + pct);
            assertThat(q).as("p" + pct).isBetween(ConfidenceGrid.lower(cell), ConfidenceGrid.upper(cell));
        }
    }

    @Test
    void gridCellsAreOrderedAndNarrow() {
        Random random = new Random(5);
        double[] probes = new double[20_000];
        for (int i = 0; i < probes.length; i++) {
            double u = random.nextDouble();
            probes[i] = switch (i % 4) {
                case 0 -> u;
                case 1 -> 1 - Math.pow(u, 12);
                case 2 -> Math.pow(u, 12);
                default -> new double[] {0.0, 0.5, 1.0, 0.25, 0.75, 1 - 0x1p-52}[i % 6];
            };
        }
        Arrays.sort(probes);
        int previous = -1;
        for (double c : probes) {
            int cell = ConfidenceGrid.cell(c);
            assertTrue(cell >= previous, "cells follow the order of confidences at " + c);
            previous = cell;
            assertThat(c).isBetween(ConfidenceGrid.lower(cell), ConfidenceGrid.upper(cell));
            double width = ConfidenceGrid.upper(cell) - ConfidenceGrid.lower(cell);
            assertThat(width).as("width of the cell of " + c)
                    .isLessThanOrEqualTo(Math.max(Math.min(c, 1 - c) / 128 * 1.0000001, 0x1p-31));
        }
        assertEquals(0, ConfidenceGrid.cell(0.0));
        assertEquals(ConfidenceGrid.CELLS - 1, ConfidenceGrid.cell(1.0));
    }
}
