package io.modelwatch.vision;

import java.util.Arrays;

/**
 * The state of {@code vision.classwise_ece}: for every class, one-vs-rest bin sums (samples,
 * summed probability of the class, samples whose label is the class) and the number of records
 * labelled with it.
 *
 * <p>Arrays are laid out class-major ({@code class * slots + slot}) and grow when a record with
 * more classes arrives. Mutable, not thread-safe; created and changed only by
 * {@link ClasswiseEceMetric}.
 */
public final class ClasswiseState {
    final int slots;
    long count;
    long rejected;
    int classes;
    long[] labelCount;
    long[] binCount;
    long[] binPositive;
    CompensatedSums binProbability;
    /** Reused decoding space; not part of the state's value. */
    final PredictionBuffer buffer = new PredictionBuffer();

    ClasswiseState(int slots) {
        this.slots = slots;
        labelCount = new long[0];
        binCount = new long[0];
        binPositive = new long[0];
        binProbability = new CompensatedSums(0);
    }

    /** Makes room for {@code n} classes. */
    void ensureClasses(int n) {
        if (n <= classes) {
            return;
        }
        labelCount = Arrays.copyOf(labelCount, n);
        binCount = Arrays.copyOf(binCount, n * slots);
        binPositive = Arrays.copyOf(binPositive, n * slots);
        CompensatedSums grown = new CompensatedSums(n * slots);
        grown.addAll(binProbability, 0);
        binProbability = grown;
        classes = n;
    }
}
