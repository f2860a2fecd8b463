package io.modelwatch.recsys.catalog;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Frequent-items sketches (Apache DataSketches {@link LongsSketch}, a Misra–Gries variant) of how
 * often each item was shown, used by {@code recsys.catalog} without a popularity file once a state
 * holds more distinct items than its exact bound, so that popularity can still be counted from a
 * baseline.
 *
 * <p>Items are keyed by their 64-bit hash ({@link ItemSketches#hash}), so a sketch holds no
 * strings. As in {@link ItemCounts}, band j counts appearances at positions [k<sub>j-1</sub>,
 * k<sub>j</sub>) and the counts at cut-off k<sub>j</sub> are the merge of bands 0..j
 * ({@link #atCutoff}). For every item, tracked or not, the true count lies between the sketch's
 * lower and upper bound, which are at most {@link LongsSketch#getMaximumError()} apart; that error
 * is at most ε·N, with ε = 3.5 / 2<sup>lgMapSize</sup> and N the appearances counted. Unlike
 * HyperLogLog, a merged sketch's estimates can differ from those of one pass (within the bound),
 * and so can later estimates of a decoded sketch, whose hash map is rebuilt. Mutable, not
 * thread-safe.
 */
final class ItemFrequencies {
    private final int lgMapSize;
    private final LongsSketch[] bands;

    ItemFrequencies(int bands, int lgMapSize) {
        this.lgMapSize = lgMapSize;
        this.bands = new LongsSketch[bands];
        for (int b = 0; b < bands; b++) {
            this.bands[b] = new LongsSketch(1 << lgMapSize);
        }
    }

    /** Adds {@code count} appearances of the item with hash {@code hash} to {@code band}. */
    void add(long hash, int band, long count) {
        bands[band].update(hash, count);
    }

    /** Adds every count of {@code other} (same bands); {@code other} is not changed. */
    void addAll(ItemFrequencies other) {
        for (int b = 0; b < bands.length; b++) {
            bands[b].merge(other.bands[b]);
        }
    }

    /** Returns a new sketch of the appearances at cut-off index {@code j}: bands 0..j merged. */
    LongsSketch atCutoff(int j) {
        LongsSketch s = new LongsSketch(1 << lgMapSize);
        for (int b = 0; b <= j; b++) {
            s.merge(bands[b]);
        }
        return s;
    }

    /** Writes lgMapSize, then each band's sketch bytes. */
    void write(DataOutput out) throws IOException {
        out.writeInt(lgMapSize);
        for (LongsSketch s : bands) {
            byte[] bytes = canonical(s.toByteArray());
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Reads sketches written by {@link #write}, checking them against the configuration. */
    static ItemFrequencies read(DataInput in, int bands, int lgMapSize) throws IOException {
        int stored = in.readInt();
        if (stored != lgMapSize) {
            throw new IOException("state has frequent-items sketches with lgMapSize " + stored
                    + ", but this metric is configured with frequent_items_lg_map_size = " + lgMapSize);
        }
        ItemFrequencies f = new ItemFrequencies(bands, lgMapSize);
        for (int b = 0; b < bands; b++) {
            int len = in.readInt();
            if (len < 8 || len > 1 << 28) {
                throw new IOException("bad frequent-items sketch length " + len);
            }
            byte[] bytes = new byte[len];
            in.readFully(bytes);
            try {
                f.bands[b] = LongsSketch.getInstance(Memory.wrap(bytes));
            } catch (RuntimeException e) {
                throw new IOException("malformed frequent-items sketch: " + e.getMessage(), e);
            }
            if (f.bands[b].getMaximumMapCapacity() != (int) ((1 << lgMapSize) * 0.75)) {
                throw new IOException("frequent-items sketch " + b + " has a different map size than lgMapSize "
                        + lgMapSize);
            }
        }
        return f;
    }

    /**
     * Returns the serialized sketch with its (count, item) pairs sorted by item. The sketch writes
     * them in hash-map order, which depends on the order of updates, so the same state could
     * otherwise encode in two ways; the codec promises that re-encoding a decoded state gives the
     * same bytes. Layout: 4 preamble longs (1 when empty), the counts, then the items, little-endian.
     */
    private static byte[] canonical(byte[] bytes) {
        if (bytes.length <= 8) {
            return bytes;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int preamble = 4 * Long.BYTES;
        int n = (bytes.length - preamble) / (2 * Long.BYTES);
        long[][] pairs = new long[n][2];
        for (int i = 0; i < n; i++) {
            pairs[i][0] = buffer.getLong(preamble + (n + i) * Long.BYTES);
            pairs[i][1] = buffer.getLong(preamble + i * Long.BYTES);
        }
        Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
        for (int i = 0; i < n; i++) {
            buffer.putLong(preamble + (n + i) * Long.BYTES, pairs[i][0]);
            buffer.putLong(preamble + i * Long.BYTES, pairs[i][1]);
        }
        return bytes;
    }
}
