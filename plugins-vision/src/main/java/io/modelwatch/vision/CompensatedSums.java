package io.modelwatch.vision;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A fixed number of running sums kept with Neumaier's compensated summation, so that the order
 * in which records are added or states merged changes a sum by far less than a plain sum's
 * rounding would.
 *
 * <p>On the hot path, values go through {@link #addPending}: a plain sum of at most
 * {@value #BLOCK} values, which the caller folds into the compensated sum with {@link #flush}
 * every {@value #BLOCK} adds (plain sums of a block err by at most 255 units of rounding of the
 * block's magnitude; compensation then keeps the error from growing with the number of blocks).
 * {@link #value(int)} includes the pending block, so reading never changes the sums. Mutable,
 * not thread-safe; it lives inside a metric state.
 */
final class CompensatedSums {
    /** Adds between {@link #flush}es; a power of two, so {@code (n & (BLOCK - 1)) == 0} tests it. */
    static final int BLOCK = 256;

    private final double[] sum;
    private final double[] compensation;
    private final double[] pending;

    CompensatedSums(int size) {
        sum = new double[size];
        compensation = new double[size];
        pending = new double[size];
    }

    int size() {
        return sum.length;
    }

    /** Adds {@code x} to sum {@code i} with compensation. */
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

    /** Adds {@code x} to the pending block of sum {@code i}; call {@link #flush} every {@value #BLOCK} adds. */
    void addPending(int i, double x) {
        pending[i] += x;
    }

    /** Folds the pending block of sum {@code i} into it. */
    void flush(int i) {
        double p = pending[i];
        pending[i] = 0.0;
        add(i, p);
    }

    /** Folds every pending block. */
    void flushAll() {
        for (int i = 0; i < sum.length; i++) {
            flush(i);
        }
    }

    /** Returns sum {@code i}, its pending block included. */
    double value(int i) {
        double s = sum[i];
        double x = pending[i];
        double t = s + x;
        double e = Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
        return t + (compensation[i] + e);
    }

    /** Adds every sum of {@code other} (same size) to this one; {@code other} is not changed. */
    void addAll(CompensatedSums other) {
        addAll(other, 0);
    }

    /** Adds every sum of {@code other} to this one's sums from {@code offset} on; {@code other} is not changed. */
    void addAll(CompensatedSums other, int offset) {
        for (int i = 0; i < other.sum.length; i++) {
            int j = offset + i;
            add(j, other.sum[i]);
            add(j, other.pending[i]);
            compensation[j] += other.compensation[i];
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(sum.length);
        for (int i = 0; i < sum.length; i++) {
            out.writeDouble(sum[i]);
            out.writeDouble(compensation[i]);
            out.writeDouble(pending[i]);
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
            s.pending[i] = in.readDouble();
        }
        return s;
    }
}
