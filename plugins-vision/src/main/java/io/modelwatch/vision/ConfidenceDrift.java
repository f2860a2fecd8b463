package io.modelwatch.vision;

import static java.util.Objects.requireNonNull;

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
 *       data it is at most the true statistic), with {@link #ksPValue}, the asymptotic
 *       Kolmogorov distribution;</li>
 *   <li>{@link #chiSquare}: Pearson's χ² test of homogeneity on the 2 × k table of predicted
 *       classes (classes seen in neither state dropped), with {@link #chiSquarePValue}.</li>
 * </ul>
 * Stateless; every method is a pure function and thread-safe.
 */
public final class ConfidenceDrift {
    private ConfidenceDrift() {
    }

    /**
     * The drift of one current state against a baseline.
     *
     * @param psi population stability index of the confidence histogram
     * @param ks Kolmogorov–Smirnov statistic of the confidence distributions
     * @param ksPValue its asymptotic p-value
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
        long[] b = java.util.Arrays.copyOf(baseline.predicted, k);
        long[] c = java.util.Arrays.copyOf(current.predicted, k);
        double chi = chiSquare(b, c);
        int df = chiSquareDegrees(b, c);
        return new Result(psi, d, p, chi, df, chiSquarePValue(chi, df));
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
     * Returns the asymptotic two-sample KS p-value Q(λ), λ = d·sqrt(n m / (n + m)), with
     * Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²) (1 for λ near 0).
     */
    public static double ksPValue(double d, long n, long m) {
        if (Double.isNaN(d) || n <= 0 || m <= 0) {
            return Double.NaN;
        }
        double lambda = d * Math.sqrt((double) n * m / ((double) n + m));
        if (lambda < 0.2) {
            return 1.0; // the series converges slowly here and Q(0.2) > 0.999999
        }
        double sum = 0;
        for (int j = 1; j <= 100; j++) {
            double term = Math.exp(-2.0 * j * j * lambda * lambda);
            sum += (j % 2 == 1) ? term : -term;
            if (term < 1e-17) {
                break;
            }
        }
        return Math.min(1.0, Math.max(0.0, 2 * sum));
    }

    /** Returns Pearson's χ² of the 2 × k table (baseline, current); NaN when either is empty. */
    public static double chiSquare(long[] baseline, long[] current) {
        checkSameLength(baseline, current);
        long nb = total(baseline);
        long nc = total(current);
        if (nb == 0 || nc == 0) {
            return Double.NaN;
        }
        double n = (double) nb + nc;
        double chi = 0;
        for (int i = 0; i < baseline.length; i++) {
            double column = (double) baseline[i] + current[i];
            if (column == 0) {
                continue;
            }
            double eb = column * nb / n;
            double ec = column * nc / n;
            chi += (baseline[i] - eb) * (baseline[i] - eb) / eb + (current[i] - ec) * (current[i] - ec) / ec;
        }
        return chi;
    }

    /** Returns the degrees of freedom of {@link #chiSquare}: non-empty columns − 1. */
    public static int chiSquareDegrees(long[] baseline, long[] current) {
        int columns = 0;
        for (int i = 0; i < baseline.length; i++) {
            if (baseline[i] + current[i] > 0) {
                columns++;
            }
        }
        return Math.max(0, columns - 1);
    }

    /** Returns P(X ≥ x) for X ~ χ²(df): the regularized upper incomplete gamma Q(df/2, x/2). */
    public static double chiSquarePValue(double x, int df) {
        if (Double.isNaN(x) || df <= 0) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        return upperRegularizedGamma(df / 2.0, x / 2.0);
    }

    /**
     * Q(a, x) = Γ(a, x) / Γ(a). For x < a + 1 from the power series of the lower function,
     * γ(a, x) = x^a e^{−x} Σ_n x^n / (a (a+1) … (a+n)); otherwise from the continued fraction
     * Γ(a, x) = x^a e^{−x} / (x + 1 − a − 1·(1 − a) / (x + 3 − a − 2·(2 − a) / (x + 5 − a − …))),
     * evaluated with the modified Lentz method.
     */
    static double upperRegularizedGamma(double a, double x) {
        double logPrefix = a * Math.log(x) - x - logGamma(a);
        if (x < a + 1) {
            double term = 1.0 / a;
            double sum = term;
            for (int n = 1; n < 10_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return Math.max(0.0, 1.0 - sum * Math.exp(logPrefix));
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(logPrefix) * h;
    }

    /**
     * ln Γ(a) for a positive multiple of 1/2 (all a χ² test needs), from Γ(1) = 1,
     * Γ(1/2) = sqrt(π) and Γ(a + 1) = a Γ(a): a sum of logarithms, exact to rounding.
     */
    static double logGamma(double a) {
        if (!(a > 0) || a * 2 != Math.rint(a * 2)) {
            throw new IllegalArgumentException("logGamma is defined here for positive multiples of 1/2, got " + a);
        }
        double z = a == Math.rint(a) ? 1.0 : 0.5;
        double sum = z == 1.0 ? 0.0 : 0.5 * Math.log(Math.PI);
        for (; z < a; z += 1.0) {
            sum += Math.log(z);
        }
        return sum;
    }

    private static void checkSameLength(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("histograms have " + a.length + " and " + b.length
                    + " bins; compare states of the same configured metric");
        }
    }
}
