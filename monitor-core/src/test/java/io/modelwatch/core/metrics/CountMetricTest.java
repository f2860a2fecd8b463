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

/** {@code core.count}: every record counts, whatever its fields hold. */
class CountMetricTest extends MetricConformanceTest<CountMetric.State> {
    @Override
    protected Metric<CountMetric.State> metric() {
        return TestMetricSpec.of(new CountMetric.Factory()).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        int n = 150 + random.nextInt(200);
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TestObservation.at(1_790_000_000_000L + random.nextInt(1_000_000)).id("r" + i)
                    .with("anything", random.nextBoolean() ? null : random.nextGaussian()).build());
        }
        return out;
    }

    @Test
    void countsRecords() {
        Metric<CountMetric.State> m = metric();
        CountMetric.State s = m.newState();
        assertThat(m.result(s).values().get("count")).isEqualTo(0.0);
        for (int i = 0; i < 5; i++) {
            m.add(s, TestObservation.at(i).build());
        }
        MetricValue v = m.result(s);
        assertThat(v.count()).isEqualTo(5);
        assertThat(v.rejected()).isZero();
        assertThat(v.values()).containsExactly(java.util.Map.entry("count", 5.0));
    }

    @Test
    void describesItself() {
        CountMetric.Factory f = new CountMetric.Factory();
        assertThat(f.type()).isEqualTo("core.count");
        assertThat(f.outputs()).extracting(o -> o.name() + ":" + o.descriptive()).containsExactly("count:true");
        assertThat(f.inputs()).isEmpty();
        assertThat(f.params()).isEmpty();
    }
}
