package io.modelwatch.recsys.common;

import java.util.List;

/**
 * Reusable scratch space that turns one record's recommended list into the positions a top-k
 * metric judges: optionally reordered by scores, cut at the largest k, with repeats handled by a
 * {@link Duplicates} convention.
 *
 * <p>After a successful {@link #cut}, positions {@code 0 .. length()-1} hold the items in rank
 * order ({@link #item}) and whether each is a repeat of an earlier position ({@link #repeat},
 * only ever true under {@link Duplicates#FIRST_OCCURRENCE}); except under {@link Duplicates#RAW},
 * {@link #positionOf} finds an item's first position in a small hash table, so a metric can look
 * up each relevant item instead of each position. Nothing is allocated per call once
 * the buffers have grown to the record sizes seen. Mutable and not thread-safe: one instance per
 * metric state, used by the state's single writer only; it is never encoded or merged.
 */
public final class RankedCut {
    private String[] items = new String[16];
    private boolean[] repeats = new boolean[16];
    private int length;
    private int listLength;
    private int[] order = new int[16];
    private int[] mergeBuffer = new int[16];
    private String[] seenKeys = new String[64];
    private int[] seenHashes = new int[64];
    private int[] seenPositions = new int[64];
    private int[] seenStamps = new int[64];
    private int stamp;
    private Duplicates mode = Duplicates.RAW;

    /**
     * Cuts a recommended list.
     *
     * @param recommended item ids in rank order (ignored when {@code scores} is given); not changed
     * @param scores one score per item, or null; when given, the rank order is score descending,
     *     ties broken by ascending item id ({@link ItemIdOrder})
     * @param maxK the largest k the metric reports; at least 1
     * @param mode how repeats are treated
     * @return false when the input is bad (a null id among the positions examined, or scores that
     *     are not finite or not one per item); the scratch is then unspecified
     */
    public boolean cut(List<String> recommended, double[] scores, int maxK, Duplicates mode) {
        int n = recommended.size();
        if (scores != null && !orderByScore(recommended, scores)) {
            return false;
        }
        ensurePositions(Math.min(n, maxK));
        length = 0;
        this.mode = mode;
        if (mode == Duplicates.RAW) {
            int limit = Math.min(n, maxK);
            for (int i = 0; i < limit; i++) {
                String id = recommended.get(scores == null ? i : order[i]);
                if (id == null) {
                    return false;
                }
                items[i] = id;
                repeats[i] = false;
            }
            length = limit;
            listLength = n;
            return true;
        }
        resetSeen(maxK);
        if (mode == Duplicates.FIRST_OCCURRENCE) {
            int limit = Math.min(n, maxK);
            for (int i = 0; i < limit; i++) {
                String id = recommended.get(scores == null ? i : order[i]);
                if (id == null) {
                    return false;
                }
                items[i] = id;
                repeats[i] = !addIfAbsent(id, i);
            }
            length = limit;
            listLength = n;
            return true;
        }
        for (int i = 0; i < n && length < maxK; i++) {
            String id = recommended.get(scores == null ? i : order[i]);
            if (id == null) {
                return false;
            }
            if (addIfAbsent(id, length)) {
                items[length] = id;
                repeats[length] = false;
                length++;
            }
        }
        // Items after the cut never change a top-k value, so the deduplicated list length is only
        // needed up to maxK: min(k, list length) is then exact for every k <= maxK.
        listLength = length;
        return true;
    }

    /** Returns how many positions the cut holds: at most the largest k. */
    public int length() {
        return length;
    }

    /**
     * Returns the length of the list the precision denominator {@code list_length} uses: the
     * deduplicated length (capped at the largest k) under {@link Duplicates#DEDUP}, else the raw
     * length.
     */
    public int listLength() {
        return listLength;
    }

    /** Returns the item at position {@code i} (0-based). */
    public String item(int i) {
        return items[i];
    }

    /** Returns whether position {@code i} repeats an earlier item (first-occurrence convention only). */
    public boolean repeat(int i) {
        return repeats[i];
    }

    private void ensurePositions(int n) {
        if (items.length < n) {
            int size = Math.max(n, items.length * 2);
            items = new String[size];
            repeats = new boolean[size];
        }
    }

    private boolean orderByScore(List<String> recommended, double[] scores) {
        int n = recommended.size();
        if (scores.length != n) {
            return false;
        }
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
            mergeBuffer = new int[order.length];
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i]) || recommended.get(i) == null) {
                return false;
            }
            order[i] = i;
        }
        sort(recommended, scores, 0, n);
        return true;
    }

    /** Merge sort of order[from, to) by score descending, then item id ascending. */
    private void sort(List<String> ids, double[] scores, int from, int to) {
        if (to - from < 12) {
            for (int i = from + 1; i < to; i++) {
                int x = order[i];
                int j = i - 1;
                while (j >= from && before(ids, scores, x, order[j])) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(ids, scores, from, mid);
        sort(ids, scores, mid, to);
        int a = from;
        int b = mid;
        int k = from;
        while (a < mid && b < to) {
            mergeBuffer[k++] = before(ids, scores, order[b], order[a]) ? order[b++] : order[a++];
        }
        while (a < mid) {
            mergeBuffer[k++] = order[a++];
        }
        while (b < to) {
            mergeBuffer[k++] = order[b++];
        }
        System.arraycopy(mergeBuffer, from, order, from, to - from);
    }

    private static boolean before(List<String> ids, double[] scores, int x, int y) {
        if (scores[x] != scores[y]) {
            return scores[x] > scores[y];
        }
        return ItemIdOrder.INSTANCE.compare(ids.get(x), ids.get(y)) < 0;
    }

    private void resetSeen(int maxInserts) {
        int needed = Integer.highestOneBit(Math.max(16, maxInserts * 4 - 1)) << 1;
        if (seenStamps.length < needed) {
            seenKeys = new String[needed];
            seenHashes = new int[needed];
            seenPositions = new int[needed];
            seenStamps = new int[needed];
            stamp = 0;
        }
        stamp++;
        if (stamp == 0) {
            java.util.Arrays.fill(seenStamps, 0);
            java.util.Arrays.fill(seenKeys, null);
            stamp = 1;
        }
    }

    /**
     * Returns the position (0-based) of the first occurrence of {@code id} in the cut, or -1 when
     * it is not there. Only available under {@link Duplicates#DEDUP} and
     * {@link Duplicates#FIRST_OCCURRENCE}; under {@link Duplicates#RAW} it always returns -1.
     */
    public int positionOf(String id) {
        if (mode == Duplicates.RAW) {
            return -1;
        }
        int mask = seenStamps.length - 1;
        int hash = id.hashCode();
        int i = slot(hash, mask);
        while (seenStamps[i] == stamp) {
            if (seenHashes[i] == hash && seenKeys[i].equals(id)) {
                return seenPositions[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private static int slot(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** Returns true and records {@code id} at {@code position} when it was not seen since the last reset. */
    private boolean addIfAbsent(String id, int position) {
        int mask = seenStamps.length - 1;
        int hash = id.hashCode();
        int i = slot(hash, mask);
        while (seenStamps[i] == stamp) {
            if (seenHashes[i] == hash && seenKeys[i].equals(id)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        seenStamps[i] = stamp;
        seenHashes[i] = hash;
        seenKeys[i] = id;
        seenPositions[i] = position;
        return true;
    }
}
