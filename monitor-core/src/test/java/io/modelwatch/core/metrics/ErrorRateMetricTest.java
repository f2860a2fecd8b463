package io.modelwatch.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code core.error_rate}: the share of records whose error field is present and neither null
 * nor false (the definition).
 */
class ErrorRateMetricTest extends MetricConformanceTest<ErrorRateMetric.State> {
    private static final Object[] VALUES = {null, false, true, "timeout", "", 0L, 500L};

    @Override
    protected Metric<ErrorRateMetric.State> metric() {
        return TestMetricSpec.of(new ErrorRateMetric.Factory()).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        int n = 200 + random.nextInt(200);
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TestObservation.Builder b = TestObservation.at(1_790_000_000_000L + i);
            int pick = random.nextInt(VALUES.length + 1);
            if (pick < VALUES.length) {
                b.with("failed", VALUES[pick]);
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void rateByHand() {
        Metric<ErrorRateMetric.State> m = metric();
        ErrorRateMetric.State s = m.newState();
        assertThat(m.result(s).values().get("rate")).as("no records: undefined").isNull();
        // null, missing and false are not errors; "timeout", true and 0 are: 3 of 6 → 0.5.
        m.add(s, TestObservation.at(1).with("failed", null).build());
        m.add(s, TestObservation.at(2).build());
        m.add(s, TestObservation.at(3).with("failed", false).build());
        m.add(s, TestObservation.at(4).with("failed", "timeout").build());
        m.add(s, TestObservation.at(5).with("failed", true).build());
        m.add(s, TestObservation.at(6).with("failed", 0L).build());
        MetricValue v = m.result(s);
        assertThat(v.count()).isEqualTo(6);
        assertThat(v.values().get("rate")).isEqualTo(0.5);
        assertThat(v.values().get("errors")).isEqualTo(3.0);
    }

    @Test
    void fieldParamNamesTheField() {
        Metric<ErrorRateMetric.State> m = TestMetricSpec.of(new ErrorRateMetric.Factory()).param("field", "error").create();
        ErrorRateMetric.State s = m.newState();
        m.add(s, TestObservation.at(1).with("error", "boom").with("failed", false).build());
        m.add(s, TestObservation.at(2).with("failed", true).build());
        assertThat(m.result(s).values().get("rate")).isEqualTo(0.5);
    }
}
