package io.modelwatch.nlp;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.nlp.bleu.BleuFactory;
import io.modelwatch.nlp.chrf.ChrfFactory;
import io.modelwatch.nlp.drift.OutputDriftFactory;
import io.modelwatch.nlp.stats.TextStatsFactory;
import io.modelwatch.nlp.ter.TerFactory;
import java.util.Collection;
import java.util.List;

/**
 * The NLP plugin: text-generation quality metrics (BLEU, chrF, TER) and label-free text signals.
 *
 * <p>Found by {@link java.util.ServiceLoader}; immutable after construction.
 */
public final class NlpPlugin implements MonitorPlugin {
    private final List<MetricFactory> factories = List.of(new BleuFactory(), new ChrfFactory(), new TerFactory(),
            new TextStatsFactory(), new OutputDriftFactory());

    @Override
    public String name() {
        return "nlp";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return factories;
    }
}
