package io.modelwatch.vision;

/**
 * A fixed partition of {@code [0, 1]} into 7684 cells that are fine near both ends,
 * where classifier confidences crowd: a confidence {@code c} is keyed on
 * {@code x = min(c, 1 - c)}, and {@code x} on its binary exponent (from {@code 2^-31} to
 * {@code 2^-1}) and the top 7 bits of its mantissa.
 *
 * <p>So a cell spans at most 1/128 of its distance to the nearer end of {@code [0, 1]} (relative
 * width 0.78 %, at most 0.0039 wide), and all of {@code [0, 2^-31)} and {@code (1 - 2^-31, 1]}
 * are one cell each. For
 * {@code c >= 0.5}, {@code 1 - c} is computed exactly (Sterbenz), so the cell of a confidence is
 * exact and the cells are ordered like the confidences. Stateless.
 */
final class ConfidenceGrid {
    /** The number of cells. */
    static final int CELLS;
    private static final int BITS = 7;
    private static final int PER_OCTAVE = 1 << BITS;
    private static final int LOWEST_EXPONENT = -31;
    /** The cell of {@code x = 0.5}; cells below it hold {@code c < 0.5}, cells above {@code c >= 0.5}. */
    private static final int HALF = 1 + (-1 - LOWEST_EXPONENT) * PER_OCTAVE;
    private static final double TINY = Math.scalb(1.0, LOWEST_EXPONENT);

    static {
        CELLS = 2 * HALF + 2;
    }

    private ConfidenceGrid() {
    }

    /** Returns the cell of a confidence in {@code [0, 1]}. */
    static int cell(double c) {
        return c < 0.5 ? low(c) : CELLS - 1 - low(1.0 - c);
    }

    private static int low(double x) {
        if (x < TINY) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1023;
        int mantissa = (int) ((bits >>> (52 - BITS)) & (PER_OCTAVE - 1));
        return 1 + (exponent - LOWEST_EXPONENT) * PER_OCTAVE + mantissa;
    }

    private static double lowValue(int i) {
        if (i == 0) {
            return 0.0;
        }
        int e = (i - 1) / PER_OCTAVE + LOWEST_EXPONENT;
        int m = (i - 1) % PER_OCTAVE;
        return Math.scalb(1.0 + m / (double) PER_OCTAVE, e);
    }

    /** Returns the smallest value of cell {@code i} (or its infimum); {@code i == CELLS} gives 1. */
    static double lower(int i) {
        if (i >= CELLS) {
            return 1.0;
        }
        if (i <= HALF) {
            return lowValue(i);
        }
        int j = CELLS - 1 - i;
        return 1.0 - (j == HALF ? 0.5 : lowValue(j + 1));
    }

    /** Returns the largest value of cell {@code i} (or its supremum). */
    static double upper(int i) {
        if (i < HALF) {
            return lowValue(i + 1);
        }
        if (i == HALF) {
            return 0.5;
        }
        return 1.0 - lowValue(CELLS - 1 - i);
    }
}
