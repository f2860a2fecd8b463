package io.modelwatch.vision;

import java.util.Arrays;

/**
 * The state of {@code vision.confidence}: a histogram of top-label confidences (the user's bins
 * and a fine {@link ConfidenceGrid}), summed confidence and entropy, and counts of predicted
 * classes. Everything is a count or a sum, so windows and baselines merge exactly.
 *
 * <p>Mutable, not thread-safe; created and changed by {@link ConfidenceMetric}, read by
 * {@link ConfidenceDrift}.
 */
public final class ConfidenceState {
    static final int CONFIDENCE = 0;
    static final int ENTROPY = 1;

    long count;
    long rejected;
    final long[] histogram;
    final long[] grid;
    CompensatedSums sums;
    long[] predicted;
    /** Reused decoding space; not part of the state's value. */
    final PredictionBuffer buffer = new PredictionBuffer();

    ConfidenceState(int bins) {
        histogram = new long[bins];
        grid = new long[ConfidenceGrid.CELLS];
        sums = new CompensatedSums(2);
        predicted = new long[0];
    }

    void ensureClasses(int n) {
        if (predicted.length < n) {
            predicted = Arrays.copyOf(predicted, n);
        }
    }

    /** Returns the number of accepted records. */
    public long count() {
        return count;
    }
}
