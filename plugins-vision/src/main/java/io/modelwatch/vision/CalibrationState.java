package io.modelwatch.vision;

/**
 * The state of {@code vision.calibration}: per-bin sums and the sums behind Brier, NLL, accuracy
 * and mean confidence, so that windows merge exactly.
 *
 * <p>Counts are exact ({@code long}); sums of real numbers use compensated summation, so a merge
 * in any order agrees with one pass to about one unit in the last place. Mutable, not
 * thread-safe; created and changed only by {@link CalibrationMetric}.
 */
public final class CalibrationState {
    /** Index of each compensated sum in {@link #sums}. */
    static final int TOP_CONFIDENCE = 0;
    static final int BRIER = 1;
    static final int BRIER_BINARY = 2;
    static final int NLL = 3;
    static final int NLL_CLIPPED = 4;
    static final int SUM_COUNT = 5;

    long count;
    long rejected;
    /** Records whose top-label prediction was right. */
    long topCorrect;
    /** Records with exactly two classes (for brier_binary). */
    long binaryCount;
    /** Records whose true class had probability 0 (unclipped NLL infinite). */
    long zeroProbability;
    final CompensatedSums sums;
    /** Uniform binning: samples, correct samples and summed confidence per slot; null for equal mass. */
    final long[] binCount;
    final long[] binCorrect;
    final CompensatedSums binConfidence;
    /** Equal-mass binning; null for uniform. */
    final EqualMassBins equalMass;
    /** Reused decoding space; not part of the state's value. */
    final PredictionBuffer buffer = new PredictionBuffer();

    CalibrationState(int slots, EqualMassBins equalMass) {
        sums = new CompensatedSums(SUM_COUNT);
        this.equalMass = equalMass;
        if (equalMass == null) {
            binCount = new long[slots];
            binCorrect = new long[slots];
            binConfidence = new CompensatedSums(slots);
        } else {
            binCount = null;
            binCorrect = null;
            binConfidence = null;
        }
    }

    CalibrationState(CompensatedSums sums, long[] binCount, long[] binCorrect, CompensatedSums binConfidence,
                     EqualMassBins equalMass) {
        this.sums = sums;
        this.binCount = binCount;
        this.binCorrect = binCorrect;
        this.binConfidence = binConfidence;
        this.equalMass = equalMass;
    }
}
