package io.modelwatch.recsys;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.recsys.catalog.CatalogFactory;
import io.modelwatch.recsys.ranking.RankingFactory;
import java.util.Collection;
import java.util.List;

/**
 * The recommender plugin: ranking quality ({@code recsys.ranking}) and catalog coverage and
 * popularity bias ({@code recsys.catalog}). Immutable; its constructor only builds the factories.
 */
public final class RecsysPlugin implements MonitorPlugin {
    private final List<MetricFactory> factories = List.of(new RankingFactory(), new CatalogFactory());

    @Override
    public String name() {
        return "recsys";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return factories;
    }
}
