package io.modelwatch.core.metrics;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import java.util.Collection;
import java.util.List;

/** The built-in plugin: metrics every model has, whatever its domain. */
public final class CorePlugin implements MonitorPlugin {
    @Override
    public String name() {
        return "core";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return List.of(new CountMetric.Factory(), new LatencyMetric.Factory(), new ErrorRateMetric.Factory(),
                new ThroughputMetric.Factory());
    }
}
