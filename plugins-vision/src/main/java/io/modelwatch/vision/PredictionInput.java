package io.modelwatch.vision;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.Observation;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the vision metrics read a prediction from a record: a probability vector ({@code probs}),
 * or logits turned into probabilities by a softmax with an optional temperature, or a binary
 * score {@code P(class 1)} ({@code score}); and, when labels are used, the true class as an index
 * or as a name from the {@code classes} parameter.
 *
 * <p>Immutable and thread-safe. {@link #read} never throws for bad input: it returns false, and
 * the metric counts the record as rejected. A record is rejected when neither {@code probs} nor
 * {@code score} is usable, when a probability is outside {@code [0, 1]} or not finite, when a
 * vector has fewer than two entries, or when the label is missing, not a whole number, out of
 * range, or a name not in {@code classes}. Rows need not sum to exactly 1.
 */
final class PredictionInput {
    static final String PROBS = "probs";
    static final String SCORE = "score";
    static final String LABEL = "label";

    private final FieldRef probs;
    private final FieldRef score;
    private final FieldRef label;
    private final boolean logits;
    private final double inverseTemperature;
    private final Map<String, Integer> classIndex;
    private final List<String> classNames;

    private PredictionInput(MetricSpec spec, boolean withLabel) {
        probs = spec.input(PROBS);
        score = spec.input(SCORE);
        label = withLabel ? spec.input(LABEL) : null;
        logits = "logits".equals(spec.string("input"));
        double t = spec.has("temperature") ? spec.number("temperature") : 1.0;
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + t);
        }
        inverseTemperature = 1.0 / t;
        classNames = List.copyOf(spec.strings("classes"));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            if (index.put(classNames.get(i), i) != null) {
                throw new IllegalArgumentException("classes lists '" + classNames.get(i) + "' twice");
            }
        }
        classIndex = Map.copyOf(index);
    }

    /** Returns the reader for a metric that uses labels. */
    static PredictionInput withLabels(MetricSpec spec) {
        return new PredictionInput(requireNonNull(spec, "spec is null"), true);
    }

    /** Returns the reader for a label-free metric. */
    static PredictionInput withoutLabels(MetricSpec spec) {
        return new PredictionInput(requireNonNull(spec, "spec is null"), false);
    }

    /** The inputs of a metric that uses labels. */
    static List<InputSpec> inputsWithLabels() {
        return List.of(
                InputSpec.optional(PROBS, InputKind.NUMBERS,
                        "class probabilities (or logits with input: logits), one per class"),
                InputSpec.optional(SCORE, InputKind.NUMBER,
                        "binary only: P(class 1), used when the record has no probs"),
                InputSpec.required(LABEL, InputKind.SCALAR,
                        "the true class: an index from 0, or a name listed in the classes parameter"));
    }

    /** The inputs of a label-free metric. */
    static List<InputSpec> inputsWithoutLabels() {
        return inputsWithLabels().subList(0, 2);
    }

    /** The parameters that say how to read a prediction. */
    static List<ParamSpec> params() {
        return List.of(
                ParamSpec.choice("input", "probs", List.of("probs", "logits"),
                        "whether the probs field holds probabilities or logits (softmax applied)"),
                ParamSpec.optional("temperature", ParamType.NUMBER, null,
                        "with input: logits, divide the logits by this before the softmax (default 1)"),
                ParamSpec.optional("classes", ParamType.STRING_LIST, null,
                        "class names in index order, for labels (and tables) given as names"));
    }

    /** Returns the class names from the {@code classes} parameter; empty when not given. */
    List<String> classNames() {
        return classNames;
    }

    /**
     * Reads one record into {@code into}.
     *
     * @return false when the record is bad input (the metric counts it as rejected)
     */
    boolean read(Observation o, PredictionBuffer into) {
        return read(o, into, true);
    }

    /**
     * Reads one record into {@code into}; with {@code checkRange} false a probability vector is
     * not checked for values outside [0, 1] or NaN, and the caller must check it (the
     * calibration metric does so inside its own pass over the vector).
     *
     * @return false when the record is bad input (the metric counts it as rejected)
     */
    boolean read(Observation o, PredictionBuffer into, boolean checkRange) {
        double[] v = o.numbers(probs);
        if (v != null) {
            int c = v.length;
            if (c < 2) {
                return false;
            }
            if (logits) {
                double[] p = into.scratch(c);
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < c; i++) {
                    double z = v[i] * inverseTemperature;
                    if (!Double.isFinite(z)) {
                        return false;
                    }
                    p[i] = z;
                    max = Math.max(max, z);
                }
                double sum = 0;
                for (int i = 0; i < c; i++) {
                    double e = Math.exp(p[i] - max);
                    p[i] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int i = 0; i < c; i++) {
                    p[i] *= inv;
                }
                into.probs = p;
            } else if (checkRange) {
                for (int i = 0; i < c; i++) {
                    double x = v[i];
                    // also rejects NaN
                    if (!(x >= 0.0 && x <= 1.0)) {
                        return false;
                    }
                }
                into.probs = v;
            } else {
                into.probs = v;
            }
            into.classes = c;
        } else {
            double p = o.number(score);
            if (!(p >= 0.0 && p <= 1.0)) {
                return false;
            }
            double[] s = into.scratch(2);
            s[0] = 1.0 - p;
            s[1] = p;
            into.probs = s;
            into.classes = 2;
        }
        if (label == null) {
            into.label = -1;
            return true;
        }
        int y = labelIndex(o.scalar(label), into.classes);
        into.label = y;
        return y >= 0;
    }

    private int labelIndex(Object value, int classes) {
        double d;
        if (value instanceof Double x) {
            d = x;
        } else if (value instanceof String s) {
            Integer named = classIndex.get(s);
            if (named != null) {
                return named < classes ? named : -1;
            }
            if (!classIndex.isEmpty()) {
                return -1;
            }
            try {
                d = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        } else if (value instanceof Boolean b) {
            d = b ? 1 : 0;
        } else {
            return -1;
        }
        if (d >= 0 && d < classes && d == Math.rint(d)) {
            return (int) d;
        }
        return -1;
    }
}
