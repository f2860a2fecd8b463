package io.modelwatch.core.alert;

import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.core.metrics.CountMetric;
import java.util.Collection;
import java.util.List;

/**
 * A test plugin whose metric {@code test.patterns} declares outputs with placeholders, as the
 * ranking and vision metrics do ({@code hit_rate@k}, {@code precision_n},
 * {@code confidence_p<percentile>}, a descriptive {@code users@k}), and whose metric
 * {@code test.undeclared} declares none. Both count records.
 */
final class PatternsPlugin implements MonitorPlugin {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return List.of(new Factory("test.patterns", List.of(
                new OutputSpec("score", "a score"),
                new OutputSpec("hit_rate@k", "share of users with a hit in the top k"),
                new OutputSpec("precision_n", "precision of order n"),
                new OutputSpec("confidence_p<percentile>", "a percentile of confidence"),
                OutputSpec.descriptive("users@k", "users the means are over"))),
                new Factory("test.undeclared", List.of()));
    }

    private record Factory(String type, List<OutputSpec> outputs) implements MetricFactory {
        @Override
        public List<InputSpec> inputs() {
            return List.of();
        }

        @Override
        public List<ParamSpec> params() {
            return List.of();
        }

        @Override
        public Metric<?> create(MetricSpec spec) {
            return new CountMetric();
        }
    }
}
