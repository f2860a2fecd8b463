package io.modelwatch.recsys.catalog;

import java.util.Arrays;

/**
 * Exact per-item counts of appearances in top-k lists, in an open-addressing table (item ids,
 * their hashes, and a row of counts per item), so a lookup touches contiguous arrays and no
 * object is allocated per item.
 *
 * <p>Each item has one count per band: band j counts appearances at positions in
 * [k<sub>j-1</sub>, k<sub>j</sub>) for the ascending cut-offs k, so an appearance costs one
 * increment; the count for cut-off k<sub>j</sub> is the sum of bands 0..j ({@link #countAt}).
 * Mutable, not thread-safe.
 */
final class ItemCounts {
    private final int bands;
    private String[] keys;
    private int[] hashes;
    private long[] counts;
    private int size;

    ItemCounts(int bands) {
        this.bands = bands;
        allocate(16);
    }

    private void allocate(int capacity) {
        keys = new String[capacity];
        hashes = new int[capacity];
        counts = new long[capacity * bands];
    }

    /** Returns how many distinct items are held. */
    int size() {
        return size;
    }

    /** Returns the table's capacity; slots are {@code 0 .. capacity()-1}. */
    int capacity() {
        return keys.length;
    }

    /** Returns the item in {@code slot}, or null when the slot is empty. */
    String key(int slot) {
        return keys[slot];
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * Returns the slot of {@code id}, adding it with zero counts when absent; returns -1 instead of
     * adding when the table already holds {@code maxItems} items.
     */
    int slotOf(String id, int maxItems) {
        int hash = id.hashCode();
        int mask = keys.length - 1;
        int i = spread(hash) & mask;
        while (keys[i] != null) {
            if (hashes[i] == hash && keys[i].equals(id)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        if (size >= maxItems) {
            return -1;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            return slotOf(id, maxItems);
        }
        keys[i] = id;
        hashes[i] = hash;
        size++;
        return i;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldCounts = counts;
        allocate(oldKeys.length * 2);
        int mask = keys.length - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != null) {
                int i = spread(oldHashes[s]) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[s];
                hashes[i] = oldHashes[s];
                System.arraycopy(oldCounts, s * bands, counts, i * bands, bands);
            }
        }
    }

    /** Adds one appearance of the item in {@code slot} to {@code band}. */
    void increment(int slot, int band) {
        counts[slot * bands + band]++;
    }

    /** Adds {@code n} appearances of the item in {@code slot} to {@code band}. */
    void add(int slot, int band, long n) {
        counts[slot * bands + band] += n;
    }

    /** Returns the band count of the item in {@code slot}. */
    long band(int slot, int band) {
        return counts[slot * bands + band];
    }

    /** Returns the item's appearances in top-k lists for cut-off index {@code j}: bands 0..j summed. */
    long countAt(int slot, int j) {
        long c = 0;
        int base = slot * bands;
        for (int b = 0; b <= j; b++) {
            c += counts[base + b];
        }
        return c;
    }

    /**
     * Adds every count of {@code other} (same bands) to this table; {@code other} is not changed.
     *
     * @return false when the union would hold more than {@code maxItems} items (this table is then
     *     partly merged and must be discarded)
     */
    boolean addAll(ItemCounts other, int maxItems) {
        for (int s = 0; s < other.keys.length; s++) {
            if (other.keys[s] != null) {
                int slot = slotOf(other.keys[s], maxItems);
                if (slot < 0) {
                    return false;
                }
                for (int b = 0; b < bands; b++) {
                    counts[slot * bands + b] += other.counts[s * bands + b];
                }
            }
        }
        return true;
    }

    /** Returns how many items of {@code other} this table does not hold. */
    int missingFrom(ItemCounts other) {
        int missing = 0;
        for (String k : other.keys) {
            if (k != null && find(k) < 0) {
                missing++;
            }
        }
        return missing;
    }

    /** Returns the held items sorted by id, for a deterministic encoding. */
    String[] sortedKeys() {
        String[] out = new String[size];
        int n = 0;
        for (String k : keys) {
            if (k != null) {
                out[n++] = k;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Returns the slot of an item, or -1 when it is not held. */
    int find(String id) {
        int hash = id.hashCode();
        int mask = keys.length - 1;
        int i = spread(hash) & mask;
        while (keys[i] != null) {
            if (hashes[i] == hash && keys[i].equals(id)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }
}
