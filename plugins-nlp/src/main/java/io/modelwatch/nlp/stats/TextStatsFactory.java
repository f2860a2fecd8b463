package io.modelwatch.nlp.stats;

import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.nlp.tokenize.Tokenizer;
import java.util.List;

/**
 * The factory of {@code nlp.text_stats}: label-free signals of generated text
 * ({@link TextStatsMetric}) that drift against a baseline like any metric. Immutable and
 * thread-safe.
 */
public final class TextStatsFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "nlp.text_stats";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Label-free output signals: length in tokens (mean, quantiles), empty, repeated-4-gram and copy-through rates, output/source length ratio.";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                InputSpec.required("hypothesis", InputKind.TEXT, "The model's output text."),
                InputSpec.optional("source", InputKind.TEXT, "The model's input text; enables copy_rate and length_ratio."));
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.choice("tokenize", "13a", List.of("13a", "intl", "char", "none"),
                "How outputs are split into tokens (the BLEU tokenizers)."));
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("length_mean", "Mean output length in tokens.").within(0, Double.POSITIVE_INFINITY),
                new OutputSpec("length_p50", "Median output length in tokens (exact below 256 tokens, within 3% above).").within(0, Double.POSITIVE_INFINITY),
                new OutputSpec("length_p90", "90th percentile of output length in tokens.").within(0, Double.POSITIVE_INFINITY),
                new OutputSpec("length_p99", "99th percentile of output length in tokens.").within(0, Double.POSITIVE_INFINITY),
                new OutputSpec("empty_rate", "Share of outputs with no token (empty or whitespace only).").within(0, 1),
                new OutputSpec("repetition_rate", "Share of outputs in which some 4-gram of tokens occurs twice or more.").within(0, 1),
                new OutputSpec("copy_rate", "Share of outputs equal to their source (ignoring surrounding whitespace); null without source.").within(0, 1),
                new OutputSpec("length_ratio", "Output tokens / source tokens over records with a source; null without source.").within(0, Double.POSITIVE_INFINITY),
                OutputSpec.descriptive("with_source", "Records that carried a source."));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        return new TextStatsMetric(Tokenizer.of(spec.string("tokenize")), spec.input("hypothesis"), spec.input("source"));
    }
}
