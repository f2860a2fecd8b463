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
 *
 * <p>For popularity counted from the baseline, a user's items are weighted by 1 / n, n being the
 * items in the user's top k: 1 / k unless the list is shorter than k. Appearances in such short
 * lists are also kept apart ({@link #addShort}): per band, how many there were and the sum of
 * their 1 / (list length), put in the band of the first cut-off beyond the list, so the prefix
 * sums give them for every larger k ({@link #weightAt}). These arrays exist only once a short
 * list has been added with them. Mutable, not thread-safe.
 */
final class ItemCounts {
    private final int bands;
    private String[] keys;
    private int[] hashes;
    private long[] counts;
    /** Appearances in lists shorter than the band's cut-off, per slot and band; null until one is added. */
    private long[] shortCounts;
    /** The sum of 1 / (list length) over those appearances; null with {@link #shortCounts}. */
    private double[] shortWeights;
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
        long[] oldShortCounts = shortCounts;
        double[] oldShortWeights = shortWeights;
        allocate(oldKeys.length * 2);
        if (oldShortCounts != null) {
            allocateShort();
        }
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
                if (oldShortCounts != null) {
                    System.arraycopy(oldShortCounts, s * bands, shortCounts, i * bands, bands);
                    System.arraycopy(oldShortWeights, s * bands, shortWeights, i * bands, bands);
                }
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

    private void allocateShort() {
        shortCounts = new long[keys.length * bands];
        shortWeights = new double[keys.length * bands];
    }

    /** Returns whether short-list appearances are held ({@link #addShort} was called, here or in a merged table). */
    boolean hasShort() {
        return shortCounts != null;
    }

    /**
     * Adds {@code n} appearances of the item in {@code slot} in lists shorter than the cut-off of
     * {@code band}, with {@code weight} = the sum of 1 / (list length) over them.
     */
    void addShort(int slot, int band, long n, double weight) {
        if (shortCounts == null) {
            allocateShort();
        }
        shortCounts[slot * bands + band] += n;
        shortWeights[slot * bands + band] += weight;
    }

    /** Returns the short-list appearances of the item in {@code slot} in {@code band}; 0 when none are held. */
    long shortBand(int slot, int band) {
        return shortCounts == null ? 0 : shortCounts[slot * bands + band];
    }

    /** Returns the summed short-list weights of the item in {@code slot} in {@code band}; 0 when none are held. */
    double shortWeightBand(int slot, int band) {
        return shortWeights == null ? 0.0 : shortWeights[slot * bands + band];
    }

    /**
     * Returns the item's exposure weight at cut-off k = {@code k} (index {@code j}): each user's
     * appearances of it divided by the user's items in the top k, summed over users. An appearance
     * in a list of at least k items weighs 1 / k; one in a shorter list of n items weighs 1 / n.
     */
    double weightAt(int slot, int j, int k) {
        long all = 0;
        long shortAll = 0;
        double shortWeight = 0.0;
        int base = slot * bands;
        for (int b = 0; b <= j; b++) {
            all += counts[base + b];
            if (shortCounts != null) {
                shortAll += shortCounts[base + b];
                shortWeight += shortWeights[base + b];
            }
        }
        return (double) (all - shortAll) / k + shortWeight;
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
                if (other.shortCounts != null) {
                    if (shortCounts == null) {
                        allocateShort();
                    }
                    for (int b = 0; b < bands; b++) {
                        shortCounts[slot * bands + b] += other.shortCounts[s * bands + b];
                        shortWeights[slot * bands + b] += other.shortWeights[s * bands + b];
                    }
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
