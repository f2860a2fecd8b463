package io.modelwatch.vision;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the reference cases and runs {@code vision.calibration} over them. */
final class CalibrationCases {
    /** The reference scheme that each {@code compat} value reproduces with uniform binning. */
    static final Map<String, String> SCHEME_OF_COMPAT = Map.of(
            "torchmetrics", "uniform_torchmetrics",
            "netcal", "uniform_left_closed",
            "sklearn", "uniform_right_closed");

    private CalibrationCases() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() {
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : Files.readAllLines(ReferenceFiles.calibration("calibration_vectors.jsonl"))) {
                if (!line.isBlank()) {
                    out.add((Map<String, Object>) Json.parse(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the records of a case: binary ones as {@code score}, multiclass ones as {@code probs}. */
    @SuppressWarnings("unchecked")
    static List<Observation> observations(Map<String, Object> c) {
        Map<String, Object> input = (Map<String, Object>) c.get("input");
        List<Object> probs = (List<Object>) input.get("probs");
        List<Object> labels = (List<Object>) input.get("labels");
        boolean binary = "binary".equals(c.get("task"));
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < probs.size(); i++) {
            TestObservation.Builder b = TestObservation.at(i).with("label", labels.get(i));
            if (binary) {
                b.with("score", probs.get(i));
            } else {
                List<Object> row = (List<Object>) probs.get(i);
                double[] p = new double[row.size()];
                for (int k = 0; k < p.length; k++) {
                    p[k] = ((Number) row.get(k)).doubleValue();
                }
                b.with("probs", p);
            }
            out.add(b.build());
        }
        return out;
    }

    /** Runs the metric with the given parameters (name, value pairs) over the records in one state. */
    static <S> MetricValue run(List<Observation> records, Object... params) {
        TestMetricSpec spec = TestMetricSpec.of(new CalibrationFactory());
        for (int i = 0; i < params.length; i += 2) {
            spec.param((String) params[i], params[i + 1]);
        }
        Metric<S> m = spec.create();
        S s = m.newState();
        for (Observation o : records) {
            m.add(s, o);
        }
        return m.result(s);
    }
}
