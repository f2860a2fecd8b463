package io.modelwatch.nlp.drift;

import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import io.modelwatch.nlp.bleu.BleuOptions;
import io.modelwatch.nlp.bleu.Smoothing;
import java.util.List;

/**
 * The factory of {@code nlp.output_drift}: BLEU and chrF of current outputs against a baseline
 * file of earlier outputs for the same inputs ({@link OutputDriftMetric}). The baseline file is
 * read once, when the metric is created. Immutable and thread-safe.
 */
public final class OutputDriftFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "nlp.output_drift";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "BLEU and chrF of current outputs against a baseline model's outputs for the same inputs (no references needed).";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                InputSpec.required("hypothesis", InputKind.TEXT, "The model's output text."),
                InputSpec.optional("source", InputKind.TEXT, "The model's input text; the join key when join_on is source."));
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.required("baseline_file", ParamType.PATH,
                        "JSON Lines of earlier outputs: {\"id\": ..., \"text\": ...} (and \"source\" to join on it)."),
                ParamSpec.choice("join_on", "id", List.of("id", "source"),
                        "Join records to baseline outputs by the record id or by the source text (surrounding whitespace ignored)."),
                ParamSpec.choice("tokenize", "13a", List.of("13a", "intl", "char", "none"), "BLEU tokenizer."),
                ParamSpec.optional("lowercase", ParamType.BOOLEAN, false, "Lower-case both sides for BLEU."));
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("bleu", "Corpus BLEU of outputs against the baseline outputs (100 = unchanged).").within(0, 100),
                new OutputSpec("chrf", "Corpus chrF2 of outputs against the baseline outputs (100 = unchanged).").within(0, 100),
                new OutputSpec("identical_rate", "Share of joined outputs identical to the baseline output.").within(0, 1),
                OutputSpec.descriptive("unmatched", "Records whose key has no baseline output."));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        boolean bySource = "source".equals(spec.string("join_on"));
        BaselineOutputs baseline = BaselineOutputs.load(spec.path("baseline_file"), bySource);
        BleuOptions bleu = new BleuOptions(spec.string("tokenize"), spec.bool("lowercase"), Smoothing.EXP, null, 4, false);
        return new OutputDriftMetric(baseline, bySource, bleu, spec.input("hypothesis"), spec.input("source"));
    }
}
