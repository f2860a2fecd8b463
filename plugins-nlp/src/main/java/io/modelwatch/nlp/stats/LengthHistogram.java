package io.modelwatch.nlp.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A mergeable histogram of non-negative lengths with fixed bins, for quantiles of output length.
 *
 * <p>Bins: lengths 0..255 have one bin each (exact); a length {@code v >= 256} with
 * {@code e = floor(log2 v)} goes to bin {@code 256 + (e - 8) * 32 + ((v >> (e - 5)) & 31)}: 32 bins per
 * power of two, each at most 1/32 (about 3%) of its values wide. The bins are the same in every
 * state, so merging adds counts and is exact, associative and commutative. The array only grows
 * to the largest bin used. Mutable; not thread-safe.
 */
public final class LengthHistogram {
    static final int EXACT = 256;
    static final int SUB_BINS = 32;
    private long[] counts = new long[0];
    private long total;

    /** Returns the bin of length {@code v >= 0}. */
    static int bin(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v);
        return EXACT + (e - 8) * SUB_BINS + (int) ((v >> (e - 5)) & (SUB_BINS - 1));
    }

    /** Returns the smallest length of bin {@code b}. */
    static long lowerBound(int b) {
        if (b < EXACT) {
            return b;
        }
        int e = (b - EXACT) / SUB_BINS + 8;
        int sub = (b - EXACT) % SUB_BINS;
        return (1L << e) + ((long) sub << (e - 5));
    }

    /** Returns the largest length of bin {@code b}. */
    static long upperBound(int b) {
        return b < EXACT ? b : lowerBound(b + 1) - 1;
    }

    /** Adds one length. */
    public void add(long length) {
        int b = bin(Math.max(0, length));
        if (b >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(b + 1, Math.min(2 * counts.length, 1024)));
        }
        counts[b]++;
        total++;
    }

    /** Adds every count of {@code other} (which is not changed). */
    public void merge(LengthHistogram other) {
        if (other.counts.length > counts.length) {
            counts = Arrays.copyOf(counts, other.counts.length);
        }
        for (int i = 0; i < other.counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /** Returns the number of lengths added. */
    public long total() {
        return total;
    }

    /**
     * Returns the nearest-rank quantile: the smallest length whose cumulative count reaches
     * {@code ceil(q * total)} (at least 1). Exact below 256; above, the middle of the bin. NaN
     * when empty.
     */
    public double quantile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return b < EXACT ? b : (lowerBound(b) + upperBound(b)) / 2.0;
            }
        }
        throw new IllegalStateException("histogram counts do not add up to its total");
    }

    /**
     * Returns the two-sample Kolmogorov–Smirnov statistic between this histogram and
     * {@code other}: the largest difference of their cumulative distributions over the bins. NaN
     * when either is empty.
     */
    public double ksStatistic(LengthHistogram other) {
        if (total == 0 || other.total == 0) {
            return Double.NaN;
        }
        int bins = Math.max(counts.length, other.counts.length);
        long a = 0;
        long b = 0;
        double d = 0;
        for (int i = 0; i < bins; i++) {
            a += i < counts.length ? counts[i] : 0;
            b += i < other.counts.length ? other.counts[i] : 0;
            d = Math.max(d, Math.abs((double) a / total - (double) b / other.total));
        }
        return d;
    }

    /**
     * Returns the asymptotic p-value of a two-sample KS statistic {@code d} for sample sizes
     * {@code n} and {@code m}: {@code Q(λ) = 2 Σ_{k≥1} (-1)^{k-1} exp(-2k²λ²)} with
     * {@code λ = (√n_e + 0.12 + 0.11/√n_e) d} and {@code n_e = nm/(n+m)} (the usual small-sample
     * correction). Lengths are integers with many ties, for which the test is conservative.
     */
    static double ksPValue(double d, long n, long m) {
        if (Double.isNaN(d) || n == 0 || m == 0) {
            return Double.NaN;
        }
        double ne = (double) n * m / (n + m);
        double sq = Math.sqrt(ne);
        double lambda = (sq + 0.12 + 0.11 / sq) * d;
        if (lambda < 1e-3) {
            return 1.0;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-12) {
                break;
            }
        }
        return Math.max(0.0, Math.min(1.0, 2 * sum));
    }

    /** Writes the histogram: the number of bins up to the last non-empty one, then their counts. */
    void encode(DataOutput out) throws IOException {
        int used = counts.length;
        while (used > 0 && counts[used - 1] == 0) {
            used--;
        }
        out.writeInt(used);
        for (int i = 0; i < used; i++) {
            out.writeLong(counts[i]);
        }
    }

    /** Reads what {@link #encode} wrote. */
    static LengthHistogram decode(DataInput in) throws IOException {
        int used = in.readInt();
        if (used < 0 || used > 4096) {
            throw new IOException("histogram has " + used + " bins");
        }
        LengthHistogram h = new LengthHistogram();
        h.counts = new long[used];
        for (int i = 0; i < used; i++) {
            h.counts[i] = in.readLong();
            h.total += h.counts[i];
        }
        return h;
    }
}
