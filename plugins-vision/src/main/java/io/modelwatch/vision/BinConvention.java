package io.modelwatch.vision;

import java.util.List;
import java.util.Locale;

/**
 * The bin-edge convention of equal-width binning, after the library a user compares with.
 *
 * <p>Boundaries are {@code b_k = k / (double) n}, the correctly rounded quotient, for
 * {@code k = 0..n}, and every comparison is made against them (never {@code floor(c * n)}, which
 * can round across an integer). The three conventions differ only for confidences exactly on a
 * boundary and for {@code c = 1}:
 * <ul>
 *   <li>{@link #TORCHMETRICS}: {@code [b_k, b_k+1)}, plus an extra slot {@code n} holding exactly
 *       {@code c = 1} (torchmetrics ≥ 1.0, {@code bucketize(right=True) - 1});</li>
 *   <li>{@link #NETCAL}: {@code [b_k, b_k+1)}, the last bin closed {@code [b_n-1, 1]};</li>
 *   <li>{@link #SKLEARN}: {@code (b_k, b_k+1]}, the first bin closed {@code [0, b_1]}
 *       ({@code calibration_curve}, {@code searchsorted(side="left")}).</li>
 * </ul>
 * Immutable.
 */
enum BinConvention {
    TORCHMETRICS, NETCAL, SKLEARN;

    /** The choices of the {@code compat} parameter, in order. */
    static final List<String> CHOICES = List.of("torchmetrics", "netcal", "sklearn");

    static BinConvention of(String compat) {
        return valueOf(compat.toUpperCase(Locale.ROOT));
    }

    /** Returns the number of slots for {@code n} bins ({@code n + 1} for torchmetrics). */
    int slots(int n) {
        return this == TORCHMETRICS ? n + 1 : n;
    }

    /** Returns the boundaries {@code k / (double) n}, {@code k = 0..n}. */
    static double[] boundaries(int n) {
        return boundaries(n, false);
    }

    /**
     * Returns the boundaries for {@code n} bins: {@code k / (double) n}, or with {@code linspace}
     * those of {@code numpy.linspace(0, 1, n + 1)}, {@code k * (1.0 / n)} with the last exactly 1,
     * which netcal and scikit-learn use (for 10 bins, 0.30000000000000004 instead of 0.3).
     */
    static double[] boundaries(int n, boolean linspace) {
        double[] b = new double[n + 1];
        double step = 1.0 / n;
        for (int k = 0; k <= n; k++) {
            b[k] = linspace ? (k == n ? 1.0 : k * step) : k / (double) n;
        }
        return b;
    }

    /**
     * Returns the slot of confidence {@code c} in {@code [0, 1]}, given {@code b} from
     * {@link #boundaries(int)} for {@code n} bins.
     */
    int slot(double c, double[] b, int n) {
        int k = (int) (c * n);
        if (k > n) {
            k = n;
        } else if (k < 0) {
            k = 0;
        }
        if (this == SKLEARN) {
            if (k > n - 1) {
                k = n - 1;
            }
            while (k > 0 && c <= b[k]) {
                k--;
            }
            while (k < n - 1 && c > b[k + 1]) {
                k++;
            }
            return k;
        }
        while (k > 0 && c < b[k]) {
            k--;
        }
        while (k < n && c >= b[k + 1]) {
            k++;
        }
        if (k == n && this == NETCAL) {
            return n - 1;
        }
        return k;
    }

    /** Returns the lower edge of slot {@code s} (the extra torchmetrics slot is {@code [1, 1]}). */
    static double lower(double[] b, int n, int s) {
        return s >= n ? 1.0 : b[s];
    }

    /** Returns the upper edge of slot {@code s}. */
    static double upper(double[] b, int n, int s) {
        return s >= n ? 1.0 : b[s + 1];
    }
}
