package io.modelwatch.recsys.common;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A fixed number of running sums of doubles, each kept with a Neumaier compensation term so that
 * a mean over millions of users stays within a few ulps whatever the order of additions and
 * merges. Mutable, not thread-safe; lives inside a metric state.
 */
public final class CompensatedSums {
    private final double[] sum;
    private final double[] compensation;

    /** Returns {@code size} sums, all zero. */
    public CompensatedSums(int size) {
        this.sum = new double[size];
        this.compensation = new double[size];
    }

    /** Returns how many sums there are. */
    public int size() {
        return sum.length;
    }

    /** Adds {@code x} to sum {@code i}. */
    public void add(int i, double x) {
        double s = sum[i];
        double t = s + x;
        if (Math.abs(s) >= Math.abs(x)) {
            compensation[i] += (s - t) + x;
        } else {
            compensation[i] += (x - t) + s;
        }
        sum[i] = t;
    }

    /** Adds every sum of {@code other} (same size) into this one; {@code other} is not changed. */
    public void addAll(CompensatedSums other) {
        if (other.sum.length != sum.length) {
            throw new IllegalArgumentException("cannot merge " + other.sum.length + " sums into " + sum.length);
        }
        for (int i = 0; i < sum.length; i++) {
            add(i, other.sum[i]);
            compensation[i] += other.compensation[i];
        }
    }

    /** Returns the value of sum {@code i}. */
    public double get(int i) {
        return sum[i] + compensation[i];
    }

    /** Writes the sums (size, then each sum and its compensation). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(sum.length);
        for (int i = 0; i < sum.length; i++) {
            out.writeDouble(sum[i]);
            out.writeDouble(compensation[i]);
        }
    }

    /** Reads sums written by {@link #write}, checking that there are {@code expectedSize} of them. */
    public static CompensatedSums read(DataInput in, int expectedSize) throws IOException {
        int n = in.readInt();
        if (n != expectedSize) {
            throw new IOException("state holds " + n + " sums but this metric's configuration has " + expectedSize);
        }
        CompensatedSums s = new CompensatedSums(n);
        for (int i = 0; i < n; i++) {
            s.sum[i] = in.readDouble();
            s.compensation[i] = in.readDouble();
        }
        return s;
    }
}
