package io.modelwatch.vision;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Drift statistics between a baseline and a current {@link ConfidenceState} of
 * {@code vision.confidence}, and the small formulas behind them, for hosts and tests.
 *
 * <ul>
 *   <li>{@link #psi}: population stability index Σ (c_i − b_i) ln(c_i / b_i) over the shares of
 *       the confidence histogram, shares below {@code floor} raised to it (so empty bins stay
 *       finite; 1e-4 is the usual choice);</li>
 *   <li>{@link #ksStatistic}: the two-sample Kolmogorov–Smirnov statistic max |F_b − F_c|,
 *       taken at the boundaries of the fine confidence grid (exact for the binned data; on raw
 *       data it is at most the true statistic), with {@link #ksPValue} from Commons Math;</li>
 *   <li>{@link #chiSquare}: Pearson's χ² test of homogeneity on the 2 × k table of predicted
 *       classes (classes seen in neither state dropped), with {@link #chiSquarePValue}, both
 *       from Commons Math.</li>
 * </ul>
 * {@code vision.confidence} reports them as its drift against the baseline
 * ({@link ConfidenceMetric#drift}). Stateless; every method is a pure function and thread-safe.
 */
public final class ConfidenceDrift {
    /** Below this product of sample sizes the exact KS distribution is used, as Commons Math does. */
    private static final double EXACT_KS_PRODUCT = 10_000;
    // Both are stateless once built (the random generator of KolmogorovSmirnovTest only serves
    // its Monte Carlo and bootstrap methods, not used here), so one instance is shared.
    private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();
    private static final ChiSquareTest CHI_SQUARE = new ChiSquareTest();

    private ConfidenceDrift() {
    }

    /**
     * The drift of one current state against a baseline.
     *
     * @param psi population stability index of the confidence histogram
     * @param ks Kolmogorov–Smirnov statistic of the confidence distributions
     * @param ksPValue its p-value
     * @param chiSquare χ² statistic of the predicted-class counts
     * @param chiSquareDegrees its degrees of freedom
     * @param chiSquarePValue its p-value
     */
    public record Result(double psi, double ks, double ksPValue, double chiSquare, int chiSquareDegrees,
                         double chiSquarePValue) {
    }

    /**
     * Compares two states of the same configured metric. Values are NaN when a state is empty.
     *
     * @param floor the smallest share used in the PSI (for example 1e-4)
     */
    public static Result compare(ConfidenceState baseline, ConfidenceState current, double floor) {
        requireNonNull(baseline, "baseline is null");
        requireNonNull(current, "current is null");
        double psi = psi(baseline.histogram, current.histogram, floor);
        double d = ksStatistic(baseline.grid, current.grid);
        double p = ksPValue(d, baseline.count, current.count);
        int k = Math.max(baseline.predicted.length, current.predicted.length);
        long[] b = Arrays.copyOf(baseline.predicted, k);
        long[] c = Arrays.copyOf(current.predicted, k);
        return new Result(psi, d, p, chiSquare(b, c), chiSquareDegrees(b, c), chiSquarePValue(b, c));
    }

    private static long total(long[] counts) {
        long t = 0;
        for (long x : counts) {
            t += x;
        }
        return t;
    }

    /** Returns the PSI of two histograms over the same bins; NaN when either is empty. */
    public static double psi(long[] baseline, long[] current, double floor) {
        checkSameLength(baseline, current);
        long nb = total(baseline);
        long nc = total(current);
        if (nb == 0 || nc == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < baseline.length; i++) {
            double b = Math.max((double) baseline[i] / nb, floor);
            double c = Math.max((double) current[i] / nc, floor);
            psi += (c - b) * Math.log(c / b);
        }
        return psi;
    }

    /** Returns max over bin boundaries of |F_baseline − F_current|; NaN when either is empty. */
    public static double ksStatistic(long[] baseline, long[] current) {
        checkSameLength(baseline, current);
        long nb = total(baseline);
        long nc = total(current);
        if (nb == 0 || nc == 0) {
            return Double.NaN;
        }
        long cb = 0;
        long cc = 0;
        double d = 0;
        for (int i = 0; i < baseline.length; i++) {
            cb += baseline[i];
            cc += current[i];
            d = Math.max(d, Math.abs((double) cb / nb - (double) cc / nc));
        }
        return d;
    }

    /**
     * Returns the two-sample KS p-value P(D ≥ d) for sample sizes n and m, from Commons Math's
     * {@link KolmogorovSmirnovTest}, with its own size rule: the exact distribution
     * ({@code exactP}) when {@code n · m < 10,000}, else the asymptotic Kolmogorov distribution
     * ({@code 1 − ksSum(λ)}, λ = d·sqrt(n m / (n + m)), what {@code approximateP} computes, here
     * for sizes beyond {@code int} too). Both assume continuous data, so with the ties of binned
     * confidences the p-value errs on the large side. NaN when d is NaN or a sample is empty.
     */
    public static double ksPValue(double d, long n, long m) {
        if (Double.isNaN(d) || n <= 0 || m <= 0) {
            return Double.NaN;
        }
        if ((double) n * m < EXACT_KS_PRODUCT) {
            return KS.exactP(d, (int) n, (int) m, false);
        }
        double lambda = d * Math.sqrt((double) n * m / ((double) n + m));
        if (lambda < 0.02) {
            // 1 - K(λ) rounds to 1 here, and the series would need too many terms
            return 1.0;
        }
        return Math.min(1.0, Math.max(0.0, 1.0 - KS.ksSum(lambda, 1e-20, 100_000)));
    }

    /**
     * Returns Pearson's χ² of the 2 × k table (baseline, current), classes predicted in neither
     * state dropped; 0 when fewer than two classes remain, NaN when either state is empty.
     * Computed by Commons Math's {@link ChiSquareTest#chiSquareDataSetsComparison}, which for
     * unequal totals is the usual test of homogeneity.
     */
    public static double chiSquare(long[] baseline, long[] current) {
        checkSameLength(baseline, current);
        if (total(baseline) == 0 || total(current) == 0) {
            return Double.NaN;
        }
        long[][] t = nonEmptyColumns(baseline, current);
        return t[0].length < 2 ? 0.0 : CHI_SQUARE.chiSquareDataSetsComparison(t[0], t[1]);
    }

    /** Returns the degrees of freedom of {@link #chiSquare}: non-empty columns − 1. */
    public static int chiSquareDegrees(long[] baseline, long[] current) {
        checkSameLength(baseline, current);
        return Math.max(0, nonEmptyColumns(baseline, current)[0].length - 1);
    }

    /**
     * Returns the p-value of {@link #chiSquare} from Commons Math's
     * {@link ChiSquareTest#chiSquareTestDataSetsComparison} (χ² with non-empty columns − 1
     * degrees of freedom); NaN when either state is empty or fewer than two classes remain.
     */
    public static double chiSquarePValue(long[] baseline, long[] current) {
        checkSameLength(baseline, current);
        if (total(baseline) == 0 || total(current) == 0) {
            return Double.NaN;
        }
        long[][] t = nonEmptyColumns(baseline, current);
        return t[0].length < 2 ? Double.NaN : CHI_SQUARE.chiSquareTestDataSetsComparison(t[0], t[1]);
    }

    /** Returns the columns with a count in either row (Commons Math refuses empty ones). */
    private static long[][] nonEmptyColumns(long[] baseline, long[] current) {
        int k = 0;
        for (int i = 0; i < baseline.length; i++) {
            if (baseline[i] + current[i] > 0) {
                k++;
            }
        }
        long[][] t = new long[2][k];
        k = 0;
        for (int i = 0; i < baseline.length; i++) {
            if (baseline[i] + current[i] > 0) {
                t[0][k] = baseline[i];
                t[1][k] = current[i];
                k++;
            }
        }
        return t;
    }

    private static void checkSameLength(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("histograms have " + a.length + " and " + b.length
                    + " bins; compare states of the same configured metric");
        }
    }
}
