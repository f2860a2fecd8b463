package io.modelwatch.core.generate;

/**
 * A seeded pseudo-random source for the demo generator (SplitMix64).
 *
 * <p>Not thread-safe: each record stream owns one. Chosen over {@link java.util.Random} and
 * {@link java.util.SplittableRandom} because its whole output, Gaussians included, is fixed here and
 * cannot change with the JDK, which keeps generated files byte-identical for a given seed.
 */
final class DemoRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    DemoRandom(long seed) {
        this.state = seed;
    }

    /** A stream for one purpose, independent of others drawn from the same seed with other salts. */
    static DemoRandom of(long seed, long salt) {
        return new DemoRandom(mix(seed ^ mix(salt + GOLDEN_GAMMA)));
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound); bound must be positive. */
    int nextInt(int bound) {
        // Multiply-shift on the high 32 bits: a bias below 2^-32 per value, irrelevant for a demo.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Standard normal by the Marsaglia polar method, with {@link StrictMath} for reproducibility. */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /** Draws an index from cumulative weights (last entry is the total). */
    int nextIndex(double[] cumulative) {
        double x = nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
