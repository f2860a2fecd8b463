package io.modelwatch.vision;

/**
 * One decoded prediction, reused from record to record: the class probabilities, their number,
 * and the true class. Filled by {@link PredictionInput#read}; valid until the next read.
 *
 * <p>Mutable, not thread-safe: each state owns one, which keeps {@code add} free of allocation
 * (the arrays grow only when a longer vector first appears).
 */
final class PredictionBuffer {
    /** The class probabilities; the first {@link #classes} entries are valid. */
    double[] probs;
    /** The number of classes of this record (2 for a binary score). */
    int classes;
    /** The true class, or -1 when labels are not read. */
    int label;
    /** Scratch space for a binary score ({@code [1 - p, p]}) or a softmax. */
    private double[] scratch = new double[16];

    double[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new double[Math.max(length, 2 * scratch.length)];
        }
        return scratch;
    }
}
