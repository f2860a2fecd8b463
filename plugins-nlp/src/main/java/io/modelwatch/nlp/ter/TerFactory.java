package io.modelwatch.nlp.ter;

import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import java.util.List;

/**
 * The factory of {@code nlp.ter}: corpus TER (translation edit rate with shifts) per window,
 * identical to sacreBLEU 2.6.0 ({@link TerMetric}). Immutable and thread-safe.
 */
public final class TerFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "nlp.ter";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Corpus TER per window, identical to sacreBLEU 2.6.0 TER (edits with shifts / reference words).";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                InputSpec.required("hypothesis", InputKind.TEXT, "The model's output text."),
                InputSpec.required("references", InputKind.TEXTS,
                        "One or more reference texts; null entries are skipped; records without any are counted as unreferenced."));
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.optional("normalized", ParamType.BOOLEAN, false, "Apply tercom's general and western tokenization."),
                ParamSpec.optional("no_punct", ParamType.BOOLEAN, false, "Delete punctuation before aligning."),
                ParamSpec.optional("asian_support", ParamType.BOOLEAN, false,
                        "Split CJK characters and Asian punctuation (with normalized; with no_punct also deletes Asian punctuation)."),
                ParamSpec.optional("case_sensitive", ParamType.BOOLEAN, false, "Keep case (default: lower-case both sides)."));
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("score", "Corpus TER: 100 * edits / reference words; lower is better and it can exceed 100.").within(0, Double.POSITIVE_INFINITY),
                OutputSpec.descriptive("num_edits", "Edits (insertions, deletions, substitutions and shifts), summed."),
                OutputSpec.descriptive("ref_length", "Reference words (average over a record's references), summed."),
                OutputSpec.descriptive("unreferenced", "Records skipped because they carry no reference."));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        return new TerMetric(new TerOptions(spec.bool("normalized"), spec.bool("no_punct"), spec.bool("asian_support"),
                spec.bool("case_sensitive")), spec.input("hypothesis"), spec.input("references"));
    }
}
