package io.modelwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.Table;
import io.modelwatch.testkit.MetricValues;
import io.modelwatch.testkit.TestObservation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code vision.calibration} against {@code shared/reference/calibration}: the definitions of its
 * README (torchmetrics norms and top-label reading, netcal ACE and adaptive bins, scikit-learn
 * Brier and clipped log loss). Uniform bins must match every case under each {@code compat} to
 * 1e-12; equal-mass bins must match {@code adaptive_netcal} to 1e-12 in exact mode and stay
 * within the reported bound in grid mode.
 */
class CalibrationReferenceTest {
    static final double TOL = 1e-12;

    @TestFactory
    Stream<DynamicTest> everyCaseUnderEveryConvention() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : CalibrationCases.cases()) {
            tests.add(DynamicTest.dynamicTest(c.get("id") + "", () -> checkCase(c)));
        }
        return tests.stream();
    }

    @Test
    void theLargeBinaryFileMatches() throws IOException {
        List<String> lines = Files.readAllLines(ReferenceFiles.calibration("calibration_large_binary_100k.csv"));
        assertEquals("p,label", lines.get(0));
        List<Observation> records = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            records.add(TestObservation.at(i).with("score", Double.parseDouble(f[0]))
                    .with("label", Double.parseDouble(f[1])).build());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> binary = (Map<String, Object>) ((Map<String, Object>) Json.parse(Files.readString(
                ReferenceFiles.calibration("calibration_large_expected.json")))).get("binary");
        Map<String, Object> c = Map.of("id", "large_binary_100k", "task", "binary", "expected", binary.get("expected"));
        check(c, records, 100_000);
    }

    private static void checkCase(Map<String, Object> c) {
        check(c, CalibrationCases.observations(c), 10_000);
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c, List<Observation> records, int exactLimit) {
        Map<String, Object> e = (Map<String, Object>) c.get("expected");
        boolean binary = "binary".equals(c.get("task"));
        String id = (String) c.get("id");
        int checked = 0;
        for (String mode : List.of("top_label", "positive_class")) {
            Map<String, Object> schemes = (Map<String, Object>) e.get(mode);
            if (schemes == null) {
                continue;
            }
            for (String compat : List.of("torchmetrics", "netcal", "sklearn")) {
                Map<String, Object> blocks = (Map<String, Object>) schemes.get(CalibrationCases.SCHEME_OF_COMPAT.get(compat));
                for (Map.Entry<String, Object> b : blocks.entrySet()) {
                    MetricValue v = CalibrationCases.run(records, "mode", mode, "compat", compat,
                            "n_bins", Long.parseLong(b.getKey()));
                    String what = id + " " + mode + " compat=" + compat + " n_bins=" + b.getKey();
                    checkBlock(what, (Map<String, Object>) b.getValue(), v);
                    assertEquals(0.0, v.value("ece_error_bound"), what);
                    checkScalars(what, e, binary, v);
                    checked++;
                }
            }
            Map<String, Object> adaptive = (Map<String, Object>) schemes.get("adaptive_netcal");
            for (Map.Entry<String, Object> b : adaptive.entrySet()) {
                Map<String, Object> block = (Map<String, Object>) b.getValue();
                long n = Long.parseLong(b.getKey());
                MetricValue exact = CalibrationCases.run(records, "mode", mode, "binning", "equal_mass",
                        "n_bins", n, "exact_limit", (long) exactLimit);
                String what = id + " " + mode + " equal_mass n_bins=" + n;
                checkBlock(what + " exact", block, exact);
                assertEquals(0.0, exact.value("ece_error_bound"), what);
                MetricValue grid = CalibrationCases.run(records, "mode", mode, "binning", "equal_mass",
                        "n_bins", n, "exact_limit", 0L);
                double bound = grid.value("ece_error_bound");
                assertThat(Math.abs(grid.value("ece") - (Double) block.get("ece_l1")))
                        .as(what + " grid: |ece - reference| within the reported bound " + bound)
                        .isLessThanOrEqualTo(bound + TOL);
                checked++;
            }
        }
        assertTrue(checked > 0, id + ": nothing compared");
    }

    @SuppressWarnings("unchecked")
    static void checkBlock(String what, Map<String, Object> block, MetricValue v) {
        close(what + " ece", block.get("ece_l1"), v.value("ece"));
        close(what + " rmsce", block.get("ece_l2"), v.value("rmsce"));
        close(what + " mce", block.get("ece_max"), v.value("mce"));
        close(what + " ace", block.get("ace"), v.value("ace"));
        Map<String, Object> bins = (Map<String, Object>) block.get("bins");
        List<Object> edges = (List<Object>) bins.get("edges");
        List<Object> counts = (List<Object>) bins.get("count");
        List<Object> conf = (List<Object>) bins.get("mean_confidence");
        List<Object> acc = (List<Object>) bins.get("accuracy");
        Table t = v.tables().get("reliability");
        assertNotNull(t, what + ": no reliability table");
        assertEquals(counts.size(), t.rows().size(), what + ": number of bins");
        int nonEmpty = 0;
        for (int i = 0; i < counts.size(); i++) {
            List<Object> row = t.rows().get(i);
            List<Object> edge = (List<Object>) edges.get(i);
            String w = what + " bin " + i;
            close(w + " lower", edge.get(0), (Double) row.get(0));
            close(w + " upper", edge.get(1), (Double) row.get(1));
            assertEquals(((Number) counts.get(i)).longValue(), ((Number) row.get(2)).longValue(), w + " count");
            close(w + " mean_confidence", conf.get(i), (Double) row.get(3));
            close(w + " accuracy", acc.get(i), (Double) row.get(4));
            if (((Number) counts.get(i)).longValue() > 0) {
                nonEmpty++;
            }
        }
        assertEquals(((Number) block.get("non_empty_bins")).intValue(), nonEmpty, what + " non_empty_bins");
    }

    static void checkScalars(String what, Map<String, Object> e, boolean binary, MetricValue v) {
        int n = ((Number) e.get("n_samples")).intValue();
        assertEquals(n, v.count(), what + " count");
        assertEquals(0, v.rejected(), what + " rejected");
        close(what + " accuracy", e.get("accuracy"), v.value("accuracy"));
        close(what + " mean_confidence", e.get("mean_confidence"), v.value("mean_confidence"));
        close(what + " brier", e.get("brier_multiclass"), v.value("brier"));
        close(what + " nll (clipped, default)", e.get("nll_clipped_eps"), v.value("nll"));
        close(what + " nll vs scikit-learn log_loss", e.get("log_loss_sklearn"), v.value("nll"));
        assertEquals(Boolean.TRUE.equals(e.get("nll_is_infinite")) ? 1.0 : 0.0, v.value("nll_infinite"), what);
        double over = (Double) e.get("mean_confidence") - (Double) e.get("accuracy");
        close(what + " overconfidence", over, v.value("overconfidence"));
        if (binary) {
            close(what + " brier_binary", e.get("brier_binary"), v.value("brier_binary"));
        } else {
            assertNull(v.value("brier_binary"), what + " brier_binary must be undefined for multiclass");
        }
    }

    static void close(String what, Object expected, Double actual) {
        if (expected == null) {
            assertNull(actual, what + ": expected undefined");
            return;
        }
        assertNotNull(actual, what + ": expected " + expected + " but was undefined");
        double x = ((Number) expected).doubleValue();
        assertTrue(MetricValues.close(x, actual, TOL), what + ": expected " + x + " but was " + actual
                + " (difference " + (actual - x) + ")");
    }

    /**
     * With {@code edges: linspace} the bins are those netcal and scikit-learn really produce: the
     * reference's {@code numpy_linspace_boundaries} block where numpy.linspace moves an edge a
     * sample sits on, the usual block everywhere else.
     */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> linspaceEdgesGiveWhatTheLibrariesProduce() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : CalibrationCases.cases()) {
            tests.add(DynamicTest.dynamicTest(c.get("id") + "", () -> {
                Map<String, Object> e = (Map<String, Object>) c.get("expected");
                Map<String, Object> linspace = (Map<String, Object>) e.getOrDefault("numpy_linspace_boundaries", Map.of());
                List<Observation> records = CalibrationCases.observations(c);
                for (String mode : List.of("top_label", "positive_class")) {
                    Map<String, Object> schemes = (Map<String, Object>) e.get(mode);
                    if (schemes == null) {
                        continue;
                    }
                    for (String compat : List.of("torchmetrics", "netcal", "sklearn")) {
                        String scheme = CalibrationCases.SCHEME_OF_COMPAT.get(compat);
                        Map<String, Object> moved = (Map<String, Object>) ((Map<String, Object>) linspace
                                .getOrDefault(mode, Map.of())).getOrDefault(scheme, Map.of());
                        Map<String, Object> blocks = (Map<String, Object>) schemes.get(scheme);
                        for (String n : blocks.keySet()) {
                            Map<String, Object> block = (Map<String, Object>) moved.getOrDefault(n, blocks.get(n));
                            MetricValue v = CalibrationCases.run(records, "mode", mode, "compat", compat,
                                    "n_bins", Long.parseLong(n), "edges", "linspace");
                            checkBlock(c.get("id") + " " + mode + " compat=" + compat + " n_bins=" + n
                                    + (moved.containsKey(n) ? " (numpy.linspace block)" : ""), block, v);
                        }
                    }
                }
            }));
        }
        return tests.stream();
    }

    /**
     * The torchmetrics doctest settings the reference carries as {@code extra_n_bins_<n>} (for
     * {@code tm_doc_binary}, n_bins 2: ECE 0.2900, RMSCE 0.2918, MCE 0.3167 in its docs), under
     * every convention the block gives.
     */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> theTorchmetricsDoctestAnchorsMatch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : CalibrationCases.cases()) {
            Map<String, Object> e = (Map<String, Object>) c.get("expected");
            for (String key : e.keySet()) {
                if (!key.startsWith("extra_n_bins_")) {
                    continue;
                }
                long n = Long.parseLong(key.substring("extra_n_bins_".length()));
                tests.add(DynamicTest.dynamicTest(c.get("id") + " " + key, () -> {
                    int checked = 0;
                    for (Map.Entry<String, Object> m : ((Map<String, Object>) e.get(key)).entrySet()) {
                        for (String compat : List.of("torchmetrics", "netcal", "sklearn")) {
                            Object block = ((Map<String, Object>) m.getValue())
                                    .get(CalibrationCases.SCHEME_OF_COMPAT.get(compat));
                            if (block == null) {
                                continue;
                            }
                            MetricValue v = CalibrationCases.run(CalibrationCases.observations(c), "mode", m.getKey(),
                                    "compat", compat, "n_bins", n);
                            checkBlock(c.get("id") + " " + key + " " + m.getKey() + " compat=" + compat,
                                    (Map<String, Object>) block, v);
                            checked++;
                        }
                    }
                    assertTrue(checked > 0, c.get("id") + " " + key + ": nothing compared");
                }));
            }
        }
        assertThat(tests).as("the reference carries the torchmetrics doctest anchors").isNotEmpty();
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> unclippedNllIsUndefinedWhenInfinite() {
        return CalibrationCases.cases().stream().map(c -> DynamicTest.dynamicTest((String) c.get("id"), () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) c.get("expected");
            MetricValue v = CalibrationCases.run(CalibrationCases.observations(c), "nll_clip", false);
            close(c.get("id") + " nll unclipped", e.get("nll"), v.value("nll"));
            assertEquals(Boolean.TRUE.equals(e.get("nll_is_infinite")) ? 1.0 : 0.0, v.value("nll_infinite"));
        }));
    }
}
