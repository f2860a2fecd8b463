package io.modelwatch.vision;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A fixed number of running sums kept with Neumaier's compensated summation, so that the order
 * in which records are added or states merged changes a sum by far less than one unit in the
 * last place of a plain sum would.
 *
 * <p>Mutable, not thread-safe; it lives inside a metric state. {@link #value(int)} returns the
 * compensated sum.
 */
final class CompensatedSums {
    private final double[] sum;
    private final double[] compensation;

    CompensatedSums(int size) {
        sum = new double[size];
        compensation = new double[size];
    }

    int size() {
        return sum.length;
    }

    /** Adds {@code x} to sum {@code i}. */
    void add(int i, double x) {
        double s = sum[i];
        double t = s + x;
        if (Math.abs(s) >= Math.abs(x)) {
            compensation[i] += (s - t) + x;
        } else {
            compensation[i] += (x - t) + s;
        }
        sum[i] = t;
    }

    /** Returns sum {@code i}. */
    double value(int i) {
        return sum[i] + compensation[i];
    }

    /** Adds every sum of {@code other} (same size) to this one; {@code other} is not changed. */
    void addAll(CompensatedSums other) {
        addAll(other, 0);
    }

    /** Adds every sum of {@code other} to this one's sums from {@code offset} on; {@code other} is not changed. */
    void addAll(CompensatedSums other, int offset) {
        for (int i = 0; i < other.sum.length; i++) {
            add(offset + i, other.sum[i]);
            compensation[offset + i] += other.compensation[i];
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(sum.length);
        for (int i = 0; i < sum.length; i++) {
            out.writeDouble(sum[i]);
            out.writeDouble(compensation[i]);
        }
    }

    static CompensatedSums read(DataInput in, int expectedSize) throws IOException {
        int size = in.readInt();
        if (size != expectedSize) {
            throw new IOException("expected " + expectedSize + " sums but the state holds " + size);
        }
        CompensatedSums s = new CompensatedSums(size);
        for (int i = 0; i < size; i++) {
            s.sum[i] = in.readDouble();
            s.compensation[i] = in.readDouble();
        }
        return s;
    }
}
