package io.modelwatch.nlp.bleu;

import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import java.util.ArrayList;
import java.util.List;

/**
 * The factory of {@code nlp.bleu}: corpus BLEU per window, identical to sacreBLEU 2.6.0
 * ({@link BleuMetric}). Parameter names follow sacreBLEU. Immutable and thread-safe.
 */
public final class BleuFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "nlp.bleu";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Corpus BLEU per window, identical to sacreBLEU 2.6.0 corpus_bleu (mergeable sufficient statistics).";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                InputSpec.required("hypothesis", InputKind.TEXT, "The model's output text."),
                InputSpec.required("references", InputKind.TEXTS,
                        "One or more reference texts; null entries are skipped (nrefs:var); records without any are counted as unreferenced."));
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.choice("tokenize", "13a", List.of("13a", "intl", "char", "none"),
                        "sacreBLEU tokenizer: 13a (mteval-v13a, default), intl (mteval-v14), char or none."),
                ParamSpec.optional("lowercase", ParamType.BOOLEAN, false,
                        "Lower-case hypotheses and references first (signature case:lc)."),
                ParamSpec.choice("smooth_method", "exp", List.of("exp", "floor", "add-k", "none"),
                        "Smoothing of zero-match n-gram orders."),
                ParamSpec.optional("smooth_value", ParamType.NUMBER, null,
                        "Value for floor (default 0.1) or add-k (default 1)."),
                ParamSpec.optional("max_ngram_order", ParamType.INTEGER, 4L, "Largest n-gram order (1 to 16)."),
                ParamSpec.optional("effective_order", ParamType.BOOLEAN, false,
                        "Average only the orders that have hypothesis n-grams (signature eff:yes)."),
                ParamSpec.optional("sentence_mean", ParamType.BOOLEAN, false,
                        "Also output the mean sentence BLEU (sacreBLEU sentence_bleu: effective order on)."));
    }

    @Override
    public List<OutputSpec> outputs() {
        List<OutputSpec> out = new ArrayList<>();
        out.add(new OutputSpec("score", "Corpus BLEU, 0 to 100.").within(0, 100));
        out.add(new OutputSpec("bp", "Brevity penalty, 0 to 1.").within(0, 1));
        out.add(new OutputSpec("ratio", "Hypothesis length / reference length (0 when the reference length is 0).").within(0, Double.POSITIVE_INFINITY));
        out.add(OutputSpec.descriptive("sys_len", "Hypothesis tokens, summed."));
        out.add(OutputSpec.descriptive("ref_len", "Closest-reference tokens, summed."));
        out.add(new OutputSpec("precision_n", "Modified n-gram precision of order n (1..max_ngram_order), 0 to 100, after smoothing.").within(0, 100));
        out.add(OutputSpec.descriptive("counts_n", "Clipped n-gram matches of order n (add-k additions included)."));
        out.add(OutputSpec.descriptive("totals_n", "Hypothesis n-grams of order n (add-k additions included)."));
        out.add(new OutputSpec("sentence_mean", "Mean sentence BLEU over the window; null unless sentence_mean is true.").within(0, 100));
        out.add(OutputSpec.descriptive("unreferenced", "Records skipped because they carry no reference."));
        return out;
    }

    /** Returns the output names in result order for a given maximum order. */
    static List<String> outputNames(int order) {
        List<String> names = new ArrayList<>(List.of("score", "bp", "ratio", "sys_len", "ref_len"));
        for (String prefix : List.of("precision_", "counts_", "totals_")) {
            for (int n = 1; n <= order; n++) {
                names.add(prefix + n);
            }
        }
        names.add("sentence_mean");
        names.add("unreferenced");
        return names;
    }

    /** Reads the BLEU options from a spec's parameters (shared with metrics that compute BLEU). */
    public static BleuOptions options(MetricSpec spec) {
        return new BleuOptions(spec.string("tokenize"), spec.bool("lowercase"),
                Smoothing.of(spec.string("smooth_method")),
                spec.has("smooth_value") ? spec.number("smooth_value") : null,
                Math.toIntExact(spec.integer("max_ngram_order")), spec.bool("effective_order"));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        return new BleuMetric(options(spec), spec.bool("sentence_mean"), spec.input("hypothesis"),
                spec.input("references"));
    }
}
