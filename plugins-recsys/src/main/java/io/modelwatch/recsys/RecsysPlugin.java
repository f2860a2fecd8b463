package io.modelwatch.recsys;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import java.util.Collection;
import java.util.List;

/** The recommender plugin: ranking quality, catalog coverage and popularity bias. */
public final class RecsysPlugin implements MonitorPlugin {
    @Override
    public String name() {
        return "recsys";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return List.of();
    }
}
