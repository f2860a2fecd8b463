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
    /** Σ −ln p_y over records whose p_y is positive (the pending product excluded). */
    static final int NLL = 3;
    /** Σ (clipped − unclipped) NLL over records where clipping to [eps, 1 − eps] changes it. */
    static final int NLL_CLIP_CORRECTION = 4;
    static final int SUM_COUNT = 5;
    private static final long MANTISSA_BITS = 0x000F_FFFF_FFFF_FFFFL;
    private static final long EXPONENT_OF_ONE = 0x3FF0_0000_0000_0000L;

    long count;
    long rejected;
    /** Records whose top-label prediction was right. */
    long topCorrect;
    /** Records with exactly two classes (for brier_binary). */
    long binaryCount;
    /** Records whose true class had probability 0 (unclipped NLL infinite). */
    long zeroProbability;
    final CompensatedSums sums;
    /**
     * The product of the pending block's true-class probabilities as mantissa × 2^exponent, the
     * mantissa kept in [1, 2): one logarithm per block instead of one per record. Each of the
     * at most {@link CompensatedSums#BLOCK} multiplications rounds once, so the block's NLL errs
     * by less than 2^-45 in total.
     */
    double productMantissa = 1.0;
    long productExponent;
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

    /** Multiplies the pending product by {@code p} in [eps, 1]; the renormalisation is exact. */
    void multiplyTrueClassProbability(double p) {
        long bits = Double.doubleToRawLongBits(productMantissa * p);
        productExponent += (bits >>> 52) - 1023;
        productMantissa = Double.longBitsToDouble((bits & MANTISSA_BITS) | EXPONENT_OF_ONE);
    }

    /** Returns −ln of the pending product. */
    double pendingNll() {
        return -(Math.log(productMantissa) + productExponent * LN2);
    }

    /** Folds every pending block into the compensated sums. */
    void flushPending() {
        sums.flushAll();
        sums.add(NLL, pendingNll());
        productMantissa = 1.0;
        productExponent = 0;
    }

    private static final double LN2 = 0.6931471805599453;

    CalibrationState(CompensatedSums sums, long[] binCount, long[] binCorrect, CompensatedSums binConfidence,
                     EqualMassBins equalMass) {
        this.sums = sums;
        this.binCount = binCount;
        this.binCorrect = binCorrect;
        this.binConfidence = binConfidence;
        this.equalMass = equalMass;
    }
}
