package io.modelwatch.recsys.catalog;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * HyperLogLog sketches (Apache DataSketches) of the distinct items shown, used by
 * {@code recsys.catalog} once a state holds more distinct items than its exact bound.
 *
 * <p>As in {@link ItemCounts}, band j covers positions [k<sub>j-1</sub>, k<sub>j</sub>) of the
 * ascending cut-offs, so an appearance costs one update; the items of cut-off k<sub>j</sub> are the
 * union of bands 0..j. Each band has a sketch of every shown item and, when the catalog is the
 * popularity file's items, a second sketch of the shown items that are in that file. HyperLogLog
 * registers are a function of the set of items added, whatever the order of updates and unions, and
 * {@link #distinct} uses the composite estimator (which reads the registers only), so the estimate
 * of a merged state equals that of one pass.
 *
 * <p>With {@code lgK} = 12 the relative standard error is about 1.6% (within 3.3% with 95%
 * confidence). A band of up to 384 items (at lgK 12; 3 · 2<sup>lgK</sup>/32 in general) is still in
 * the sketch's coupon mode, whose error is about 0.01%. Mutable, not thread-safe.
 */
final class ItemSketches {
    private final int lgK;
    private final Union[] shown;
    /** Null when the catalog is not the popularity file's items. */
    private final Union[] inCatalog;

    ItemSketches(int bands, int lgK, boolean trackCatalog) {
        this.lgK = lgK;
        this.shown = new Union[bands];
        this.inCatalog = trackCatalog ? new Union[bands] : null;
        for (int b = 0; b < bands; b++) {
            shown[b] = new Union(lgK);
            if (inCatalog != null) {
                inCatalog[b] = new Union(lgK);
            }
        }
    }

    /**
     * Returns a 64-bit hash of an item id (FNV-1a over its chars, then a MurmurHash3 finalizer).
     * The sketch hashes it again; this only turns the id into a long without allocating.
     */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Adds an appearance of the item with hash {@code hash} to {@code band}. */
    void add(long hash, int band, boolean isInCatalog) {
        shown[band].update(hash);
        if (isInCatalog && inCatalog != null) {
            inCatalog[band].update(hash);
        }
    }

    /** Adds every item of {@code other} (same bands and lgK); {@code other} is not changed. */
    void addAll(ItemSketches other) {
        for (int b = 0; b < shown.length; b++) {
            shown[b].update(other.shown[b].getResult(TgtHllType.HLL_8));
            if (inCatalog != null) {
                inCatalog[b].update(other.inCatalog[b].getResult(TgtHllType.HLL_8));
            }
        }
    }

    /** Returns the estimated number of distinct items shown at cut-off index {@code j}. */
    double distinct(int j) {
        return estimate(shown, j);
    }

    /** Returns the estimated number of distinct shown items of the popularity file at cut-off index {@code j}. */
    double distinctInCatalog(int j) {
        return estimate(inCatalog, j);
    }

    private double estimate(Union[] bands, int j) {
        if (j == 0) {
            return bands[0].getCompositeEstimate();
        }
        Union u = new Union(lgK);
        for (int b = 0; b <= j; b++) {
            u.update(bands[b].getResult(TgtHllType.HLL_8));
        }
        return u.getCompositeEstimate();
    }

    /** Writes lgK, whether the catalog sketches exist, then each band's sketch bytes. */
    void write(DataOutput out) throws IOException {
        out.writeInt(lgK);
        out.writeBoolean(inCatalog != null);
        for (int b = 0; b < shown.length; b++) {
            writeSketch(out, shown[b]);
            if (inCatalog != null) {
                writeSketch(out, inCatalog[b]);
            }
        }
    }

    /** Reads sketches written by {@link #write}, checking them against the configuration. */
    static ItemSketches read(DataInput in, int bands, int lgK, boolean trackCatalog) throws IOException {
        int storedLgK = in.readInt();
        boolean storedCatalog = in.readBoolean();
        if (storedLgK != lgK || storedCatalog != trackCatalog) {
            throw new IOException("state has sketches with lgK " + storedLgK + (storedCatalog ? " with" : " without")
                    + " catalog sketches, but this metric is configured with hll_lg_k = " + lgK
                    + (trackCatalog ? " with" : " without") + " them");
        }
        ItemSketches s = new ItemSketches(bands, lgK, trackCatalog);
        for (int b = 0; b < bands; b++) {
            s.shown[b] = readSketch(in);
            if (trackCatalog) {
                s.inCatalog[b] = readSketch(in);
            }
        }
        return s;
    }

    private static void writeSketch(DataOutput out, Union u) throws IOException {
        byte[] bytes = canonical(u.toCompactByteArray());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Union readSketch(DataInput in) throws IOException {
        int len = in.readInt();
        if (len < 8 || len > 1 << 24) {
            throw new IOException("bad sketch length " + len);
        }
        byte[] bytes = new byte[len];
        in.readFully(bytes);
        try {
            return Union.heapify(bytes);
        } catch (RuntimeException e) {
            throw new IOException("malformed HyperLogLog sketch: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the compact bytes with the coupons of the list and set modes sorted. Those modes
     * store coupons in hash-table order, which depends on the order of insertion, so the same
     * state could otherwise encode in two ways; the codec promises that re-encoding a decoded state
     * gives the same bytes. The preamble's first byte holds its length in ints (2 or 3 for coupon
     * modes, 10 for the HLL mode, whose registers are already in a fixed order).
     */
    private static byte[] canonical(byte[] bytes) {
        int preambleInts = bytes[0] & 0x3F;
        if (preambleInts >= 10) {
            return bytes;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = preambleInts * 4;
        int[] coupons = new int[(bytes.length - start) / 4];
        for (int i = 0; i < coupons.length; i++) {
            coupons[i] = buffer.getInt(start + 4 * i);
        }
        Arrays.sort(coupons);
        for (int i = 0; i < coupons.length; i++) {
            buffer.putInt(start + 4 * i, coupons[i]);
        }
        return bytes;
    }
}
