package io.modelwatch.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code core.throughput}: records per second of event time between the first and last record. */
class ThroughputMetricTest extends MetricConformanceTest<ThroughputMetric.State> {
    @Override
    protected Metric<ThroughputMetric.State> metric() {
        return TestMetricSpec.of(new ThroughputMetric.Factory()).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        int n = 100 + random.nextInt(300);
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TestObservation.at(1_790_000_000_000L + random.nextInt(3_600_000)).build());
        }
        return out;
    }

    @Test
    void perSecondByHand() {
        Metric<ThroughputMetric.State> m = metric();
        ThroughputMetric.State s = m.newState();
        assertThat(m.result(s).values().get("per_second")).isNull();
        m.add(s, TestObservation.at(10_000).build());
        assertThat(m.result(s).values().get("per_second")).as("one record: no span").isNull();
        m.add(s, TestObservation.at(10_000).build());
        assertThat(m.result(s).values().get("per_second")).as("one instant: no span").isNull();
        // 5 records from t = 10 s to t = 14 s (out of order): 5 / 4 s = 1.25 per second.
        m.add(s, TestObservation.at(14_000).build());
        m.add(s, TestObservation.at(11_000).build());
        m.add(s, TestObservation.at(12_500).build());
        assertThat(m.result(s).values().get("per_second")).isEqualTo(1.25);
        assertThat(m.result(s).count()).isEqualTo(5);
    }
}
