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
 * Creates {@code vision.confidence}: label-free distribution of top-label confidence, predictive
 * entropy and predicted classes, for the weeks before labels arrive. Drift against a baseline
 * state (PSI, Kolmogorov–Smirnov, χ²) is the metric's {@code drift}, computed with
 * {@link ConfidenceDrift}. Immutable.
 */
public final class ConfidenceFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "vision.confidence";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Label-free: top-label confidence (mean, quantiles, histogram), predictive entropy,"
                + " predicted-class distribution; drift against the baseline: confidence_psi, confidence_ks,"
                + " confidence_ks_p_value, predicted_class_chi2, predicted_class_chi2_df, predicted_class_chi2_p_value";
    }

    @Override
    public List<InputSpec> inputs() {
        return PredictionInput.inputsWithoutLabels();
    }

    @Override
    public List<ParamSpec> params() {
        List<ParamSpec> params = new ArrayList<>(PredictionInput.params());
        params.add(ParamSpec.optional("n_bins", ParamType.INTEGER, 20L,
                "equal-width bins of the confidence histogram table (also the PSI bins)"));
        params.add(ParamSpec.optional("percentiles", ParamType.INTEGER_LIST, List.of(5L, 25L, 50L, 75L, 95L),
                "confidence percentiles to report, each as an output confidence_p<percentile>"));
        params.add(ParamSpec.optional("max_classes", ParamType.INTEGER, 20L,
                "classes listed in the predicted_classes table (most predicted first); the rest as __other__"));
        params.add(ParamSpec.optional("class_limit", ParamType.INTEGER, 100_000L,
                "records with more classes than this are rejected"));
        return List.copyOf(params);
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("mean_confidence", "mean top-label confidence").within(0, 1),
                new OutputSpec("confidence_p<percentile>", "percentile of top-label confidence (grid histogram)"),
                new OutputSpec("mean_entropy", "mean predictive entropy -sum p ln p, in nats").within(0, Double.POSITIVE_INFINITY),
                new OutputSpec("confidence_histogram", "table: lower, upper, count, share per confidence bin"),
                new OutputSpec("predicted_classes", "table: class, count, share (top max_classes, then __other__)"));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        long bins = spec.integer("n_bins");
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("n_bins must be between 1 and 10000, got " + bins);
        }
        long maxClasses = spec.integer("max_classes");
        long classLimit = spec.integer("class_limit");
        if (maxClasses < 1 || classLimit < 2 || classLimit > 10_000_000) {
            throw new IllegalArgumentException("max_classes must be at least 1 and class_limit between 2 and"
                    + " 10000000, got " + maxClasses + " and " + classLimit);
        }
        return new ConfidenceMetric(PredictionInput.withoutLabels(spec), (int) bins, spec.integers("percentiles"),
                (int) Math.min(maxClasses, classLimit), (int) classLimit);
    }
}
