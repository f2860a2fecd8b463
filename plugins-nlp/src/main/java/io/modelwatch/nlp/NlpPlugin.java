package io.modelwatch.nlp;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import java.util.Collection;
import java.util.List;

/** The NLP plugin: text-generation quality metrics (BLEU, chrF, TER) and text signals. */
public final class NlpPlugin implements MonitorPlugin {
    @Override
    public String name() {
        return "nlp";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return List.of();
    }
}
