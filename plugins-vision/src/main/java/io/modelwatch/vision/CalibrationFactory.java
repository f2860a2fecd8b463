package io.modelwatch.vision;

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
 * Creates {@code vision.calibration}: expected calibration error and its relatives, Brier score,
 * negative log-likelihood and a reliability table, from class probabilities (or logits, or a
 * binary score) and true labels. Immutable.
 */
public final class CalibrationFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "vision.calibration";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Calibration of predicted probabilities against labels: ECE, RMSCE, MCE, ACE, Brier, NLL"
                + " and a reliability table";
    }

    @Override
    public List<InputSpec> inputs() {
        return PredictionInput.inputsWithLabels();
    }

    @Override
    public List<ParamSpec> params() {
        List<ParamSpec> params = new ArrayList<>(PredictionInput.params());
        params.add(ParamSpec.optional("n_bins", ParamType.INTEGER, 15L, "number of confidence bins"));
        params.add(ParamSpec.choice("binning", "uniform", List.of("uniform", "equal_mass"),
                "equal-width bins, or bins holding equal numbers of samples (netcal's adaptive binning)"));
        params.add(ParamSpec.choice("compat", "torchmetrics", BinConvention.CHOICES,
                "whose bin-edge convention to follow for equal-width bins"));
        params.add(ParamSpec.choice("edges", "exact", List.of("exact", "linspace"),
                "equal-width edges k/n exactly, or as numpy.linspace computes them (what netcal and scikit-learn do)"));
        params.add(ParamSpec.choice("mode", "top_label", List.of("top_label", "positive_class"),
                "bin the top-label confidence, or (binary only) P(class 1) against the positive rate"));
        params.add(ParamSpec.optional("nll_clip", ParamType.BOOLEAN, Boolean.TRUE,
                "clip the true class's probability to [eps, 1-eps] (eps = 2^-52) before the log, as scikit-learn"));
        params.add(ParamSpec.optional("exact_limit", ParamType.INTEGER, 10_000L,
                "equal_mass only: up to this many samples per state are kept and binned exactly;"
                        + " beyond, a fine grid with a reported error bound"));
        return List.copyOf(params);
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("ece", "expected calibration error: bin-weighted mean |accuracy - confidence|").within(0, 1),
                new OutputSpec("rmsce", "root-mean-square calibration error (the l2 ECE)").within(0, 1),
                new OutputSpec("mce", "maximum calibration error over bins").within(0, 1),
                new OutputSpec("ace", "average calibration error: plain mean over non-empty bins (netcal)").within(0, 1),
                new OutputSpec("brier", "multiclass Brier score: mean of sum over classes of (p - onehot)^2, 0..2").within(0, 2),
                new OutputSpec("brier_binary", "binary Brier score mean (p1 - y)^2; null unless every record is binary").within(0, 1),
                new OutputSpec("nll", "mean negative natural log of the true class's probability")
                        .within(0, Double.POSITIVE_INFINITY),
                OutputSpec.descriptive("nll_infinite",
                        "1 when some true class had probability 0 (unclipped NLL infinite), else 0"),
                new OutputSpec("accuracy", "top-label accuracy").within(0, 1),
                new OutputSpec("mean_confidence", "mean top-label confidence").within(0, 1),
                new OutputSpec("overconfidence", "mean_confidence - accuracy").within(-1, 1),
                OutputSpec.descriptive("ece_error_bound",
                        "bound on |ece - exact ece|: 0 unless equal-mass binning uses its grid"),
                new OutputSpec("reliability", "table: lower, upper, count, mean_confidence, accuracy per bin"));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        PredictionInput input = PredictionInput.withLabels(spec);
        boolean positiveClass = "positive_class".equals(spec.string("mode"));
        if (positiveClass && input.classNames().size() > 2) {
            throw new IllegalArgumentException("mode positive_class is for binary classifiers, but classes lists "
                    + input.classNames().size() + " classes; use mode: top_label");
        }
        long bins = spec.integer("n_bins");
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("n_bins must be between 1 and 10000, got " + bins);
        }
        long limit = spec.integer("exact_limit");
        if (limit < 0 || limit > 10_000_000) {
            throw new IllegalArgumentException("exact_limit must be between 0 and 10000000, got " + limit);
        }
        return new CalibrationMetric(input, (int) bins, BinConvention.of(spec.string("compat")),
                "linspace".equals(spec.string("edges")), positiveClass,
                "equal_mass".equals(spec.string("binning")), (int) limit, spec.bool("nll_clip"));
    }
}
