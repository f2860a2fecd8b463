package io.modelwatch.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.Table;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code vision.classwise_ece}: class 1 of a binary classifier is the reference's positive-class
 * ECE (every binary case, every compat, to 1e-12); a small multiclass case worked by hand; the
 * class cap.
 */
class ClasswiseEceTest {

    static MetricValue run(List<Observation> records, Object... params) {
        TestMetricSpec spec = TestMetricSpec.of(new ClasswiseEceFactory());
        for (int i = 0; i < params.length; i += 2) {
            spec.param((String) params[i], params[i + 1]);
        }
        Metric<ClasswiseState> m = spec.create();
        ClasswiseState s = m.newState();
        records.forEach(o -> m.add(s, o));
        return m.result(s);
    }

    static Map<String, List<Object>> rowsByClass(MetricValue v) {
        Map<String, List<Object>> out = new java.util.LinkedHashMap<>();
        for (List<Object> row : v.tables().get("classes").rows()) {
            out.put((String) row.get(0), row);
        }
        return out;
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> classOneOfABinaryClassifierIsThePositiveClassEce() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : CalibrationCases.cases()) {
            if (!"binary".equals(c.get("task"))) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> {
                Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) c.get("expected"))
                        .get("positive_class");
                for (String compat : List.of("torchmetrics", "netcal", "sklearn")) {
                    Map<String, Object> blocks = (Map<String, Object>) schemes.get(
                            CalibrationCases.SCHEME_OF_COMPAT.get(compat));
                    for (Map.Entry<String, Object> b : blocks.entrySet()) {
                        MetricValue v = run(CalibrationCases.observations(c), "compat", compat,
                                "n_bins", Long.parseLong(b.getKey()));
                        Double ece = (Double) rowsByClass(v).get("1").get(3);
                        CalibrationReferenceTest.close(c.get("id") + " " + compat + " n_bins=" + b.getKey(),
                                ((Map<String, Object>) b.getValue()).get("ece_l1"), ece);
                    }
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void aSmallCaseWorkedByHand() {
        // 3 classes, 2 bins [0, .5) [.5, 1) + the torchmetrics slot for 1.0
        // r0 p=(.6,.3,.1) y=0   r1 p=(.2,.7,.1) y=2   r2 p=(.1,.1,.8) y=2
        // class 0: p .6 .2 .1 -> bin1 {.6: pos} ; bin0 {.2, .1: neg}
        //   bin1 |1 - .6| = .4 weight 1/3 ; bin0 |0 - .15| = .15 weight 2/3 -> ece0 = .4/3 + .1 = .2333..
        // class 1: p .3 .7 .1 -> bin0 {.3, .1: neg} gap .2 w 2/3 ; bin1 {.7: neg} gap .7 w 1/3 -> .1333.. + .2333..
        // class 2: p .1 .1 .8 -> bin0 {.1 neg, .1 pos} gap |.5 - .1| = .4 w 2/3 ; bin1 {.8 pos} gap .2 w 1/3
        //   -> .2666.. + .0666.. = .3333..
        List<Observation> records = List.of(
                TestObservation.at(0).with("probs", new double[] {0.6, 0.3, 0.1}).with("label", 0.0).build(),
                TestObservation.at(1).with("probs", new double[] {0.2, 0.7, 0.1}).with("label", 2.0).build(),
                TestObservation.at(2).with("probs", new double[] {0.1, 0.1, 0.8}).with("label", 2.0).build());
        MetricValue v = run(records, "n_bins", 2L, "classes", List.of("cat", "dog", "bird"));
        double e0 = 0.4 / 3 + 0.15 * 2 / 3;
        double e1 = 0.2 * 2 / 3 + 0.7 / 3;
        double e2 = 0.4 * 2 / 3 + 0.2 / 3;
        Map<String, List<Object>> rows = rowsByClass(v);
        assertEquals(List.of("bird", "cat", "dog"), List.copyOf(rows.keySet()), "most labels first, then by index");
        assertEquals(e0, (Double) rows.get("cat").get(3), 1e-15);
        assertEquals(e1, (Double) rows.get("dog").get(3), 1e-15);
        assertEquals(e2, (Double) rows.get("bird").get(3), 1e-15);
        assertEquals(0L, rows.get("dog").get(1));
        assertEquals(3L, rows.get("dog").get(2));
        assertEquals((e0 + e1 + e2) / 3, v.value("macro_ece"), 1e-15);
        assertEquals(3.0, v.value("class_count"));

        // cap at 1: class 2 (bird) shown, cat and dog pooled into __other__: 6 one-vs-rest samples
        // pooled bin0: cat .2 neg, cat .1 neg, dog .3 neg, dog .1 neg -> mean .175, acc 0, gap .175 w 4/6
        // pooled bin1: cat .6 pos, dog .7 neg -> gap |.5 - .65| = .15 w 2/6 -> .11666.. + .05
        MetricValue capped = run(records, "n_bins", 2L, "max_classes", 1L);
        Table t = capped.tables().get("classes");
        assertEquals(2, t.rows().size());
        assertEquals("2", t.rows().get(0).get(0));
        assertEquals(ClasswiseEceMetric.OTHER, t.rows().get(1).get(0));
        assertEquals(1L, t.rows().get(1).get(1));
        assertEquals(6L, t.rows().get(1).get(2));
        assertEquals(0.175 * 4 / 6 + 0.15 * 2 / 6, (Double) t.rows().get(1).get(3), 1e-15);
        assertEquals(v.value("macro_ece"), capped.value("macro_ece"), 0.0, "the cap only changes the table");
    }

    @Test
    void anEmptyStateIsUndefined() {
        MetricValue v = run(List.of());
        assertNull(v.value("macro_ece"));
        assertNull(v.value("class_count"));
        assertEquals(0, v.tables().get("classes").rows().size());
    }
}
