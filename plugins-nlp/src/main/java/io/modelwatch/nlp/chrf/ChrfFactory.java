package io.modelwatch.nlp.chrf;

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
 * The factory of {@code nlp.chrf}: corpus chrF (and chrF++ with {@code word_order: 2}) per
 * window, identical to sacreBLEU 2.6.0 ({@link ChrfMetric}). Immutable and thread-safe.
 */
public final class ChrfFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "nlp.chrf";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Corpus chrF / chrF++ per window, identical to sacreBLEU 2.6.0 CHRF (mergeable statistics).";
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
                ParamSpec.optional("char_order", ParamType.INTEGER, 6L, "Character n-gram order."),
                ParamSpec.optional("word_order", ParamType.INTEGER, 0L, "Word n-gram order: 0 for chrF, 2 for chrF++."),
                ParamSpec.optional("beta", ParamType.INTEGER, 2L, "Weight of recall over precision."),
                ParamSpec.optional("lowercase", ParamType.BOOLEAN, false, "Lower-case both sides first."),
                ParamSpec.optional("whitespace", ParamType.BOOLEAN, false, "Keep whitespace in character n-grams."),
                ParamSpec.optional("eps_smoothing", ParamType.BOOLEAN, false,
                        "Average per-order F scores with epsilon smoothing (chrF++.py) instead of sacreBLEU's effective order."));
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("score", "Corpus chrF (or chrF++), 0 to 100.").within(0, 100),
                OutputSpec.descriptive("unreferenced", "Records skipped because they carry no reference."));
    }

    /** Reads the chrF options from a spec's parameters. */
    public static ChrfOptions options(MetricSpec spec) {
        return new ChrfOptions(Math.toIntExact(spec.integer("char_order")), Math.toIntExact(spec.integer("word_order")),
                Math.toIntExact(spec.integer("beta")), spec.bool("lowercase"), spec.bool("whitespace"),
                spec.bool("eps_smoothing"));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        return new ChrfMetric(options(spec), spec.input("hypothesis"), spec.input("references"));
    }
}
