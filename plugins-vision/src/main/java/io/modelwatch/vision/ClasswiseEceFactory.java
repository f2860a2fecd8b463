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
 * Creates {@code vision.classwise_ece}: one-vs-rest expected calibration error per class and its
 * macro average. Immutable.
 */
public final class ClasswiseEceFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "vision.classwise_ece";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "One-vs-rest calibration error of every class and their macro average";
    }

    @Override
    public List<InputSpec> inputs() {
        return PredictionInput.inputsWithLabels();
    }

    @Override
    public List<ParamSpec> params() {
        List<ParamSpec> params = new ArrayList<>(PredictionInput.params());
        params.add(ParamSpec.optional("n_bins", ParamType.INTEGER, 15L, "number of equal-width bins per class"));
        params.add(ParamSpec.choice("compat", "torchmetrics", BinConvention.CHOICES,
                "whose bin-edge convention to follow"));
        params.add(ParamSpec.choice("edges", "exact", List.of("exact", "linspace"),
                "equal-width edges k/n exactly, or as numpy.linspace computes them (what netcal and scikit-learn do)"));
        params.add(ParamSpec.optional("max_classes", ParamType.INTEGER, 20L,
                "classes listed in the table (most labels first); the rest are pooled into __other__"));
        params.add(ParamSpec.optional("class_limit", ParamType.INTEGER, 1000L,
                "records with more classes than this are rejected (bounds the state: classes x bins sums)"));
        return List.copyOf(params);
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("macro_ece", "mean over classes with samples of the one-vs-rest ECE").within(0, 1),
                OutputSpec.descriptive("class_count", "number of classes with samples"),
                new OutputSpec("classes", "table: class, labels, samples, ece (top max_classes, then __other__)"));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        long bins = spec.integer("n_bins");
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("n_bins must be between 1 and 10000, got " + bins);
        }
        long maxClasses = spec.integer("max_classes");
        long classLimit = spec.integer("class_limit");
        if (maxClasses < 1 || classLimit < 2 || classLimit > 100_000) {
            throw new IllegalArgumentException("max_classes must be at least 1 and class_limit between 2 and 100000,"
                    + " got " + maxClasses + " and " + classLimit);
        }
        return new ClasswiseEceMetric(PredictionInput.withLabels(spec), (int) bins,
                BinConvention.of(spec.string("compat")), "linspace".equals(spec.string("edges")),
                (int) Math.min(maxClasses, classLimit), (int) classLimit);
    }
}
