package io.modelwatch.nlp.ngram;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts n-gram matches between one hypothesis and its references, all given as id sequences
 * from a per-record dictionary ({@link SpanDictionary}, {@link CodePointDictionary}); hypothesis
 * ids are 1..maxId and id 0 marks a reference item the hypothesis lacks.
 *
 * <p>Use: {@link #prepare} the hypothesis's n-grams of one order, then {@link #countIn} each
 * reference; {@link #distinct()}, {@link #hypothesisCount(int)} and the counts filled by
 * {@code countIn} give clipped matches. Unigrams are the ids themselves. Longer n-grams are
 * packed into one {@code long} ({@code bits} per id, exact: no hash collisions can merge two
 * n-grams) and looked up in an open-addressing table; when the ids do not fit in 64 bits the
 * matcher falls back to exact string keys in a hash map. Mutable scratch space reused for every
 * record (nothing is allocated once warm); not thread-safe.
 */
public final class NgramMatcher {
    private int[] distinctCounts = new int[64];
    private long[] tableKeys = new long[128];
    private int[] tableIndex = new int[128];
    private int[] tableStamp = new int[128];
    private int stamp;
    private int tableShift = 64 - 7;
    private int distinct;
    private int bits;
    private int order;
    private Map<String, Integer> slowIndex;

    /** Returns the number of bits one id needs when the largest id is {@code maxId}. */
    public static int bitsFor(int maxId) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(maxId));
    }

    /** Returns the number of distinct hypothesis n-grams of the prepared order. */
    public int distinct() {
        return distinct;
    }

    /** Returns how often distinct hypothesis n-gram {@code i} occurs. */
    public int hypothesisCount(int i) {
        return distinctCounts[i];
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> tableShift);
    }

    /**
     * Prepares the distinct n-grams of order {@code n} of the hypothesis {@code ids[0, len)}.
     *
     * @param maxId the largest id in use (the dictionary size)
     * @return the number of distinct n-grams
     */
    public int prepare(int[] ids, int len, int n, int maxId) {
        this.order = n;
        this.bits = bitsFor(maxId);
        this.slowIndex = null;
        int total = Math.max(0, len - n + 1);
        int capacity = Math.max(total, n == 1 ? maxId : 0);
        if (distinctCounts.length < capacity) {
            distinctCounts = new int[Math.max(capacity, distinctCounts.length * 2)];
        }
        if (n == 1) {
            Arrays.fill(distinctCounts, 0, maxId, 0);
            for (int i = 0; i < len; i++) {
                distinctCounts[ids[i] - 1]++;
            }
            distinct = maxId;
            return maxId;
        }
        if ((long) bits * n > 64) {
            return prepareSlow(ids, total, n);
        }
        int size = Integer.highestOneBit(Math.max(8, total) * 2 - 1) << 1;
        if (tableKeys.length < size) {
            tableKeys = new long[size];
            tableIndex = new int[size];
            tableStamp = new int[size];
            stamp = 0;
        }
        size = tableKeys.length;
        tableShift = 64 - Integer.numberOfTrailingZeros(size);
        int mask = size - 1;
        if (++stamp == 0) {
            Arrays.fill(tableStamp, 0);
            stamp = 1;
        }
        int st = stamp;
        int b = bits;
        long keyMask = keyMask(b, n);
        int d = 0;
        // rolling key: shifting in one id and masking to n ids costs O(1) per position at any order
        long key = 0;
        for (int i = 0; i < n - 1; i++) {
            key = (key << b) | ids[i];
        }
        for (int i = 0; i < total; i++) {
            key = ((key << b) | ids[i + n - 1]) & keyMask;
            int s = slot(key);
            while (true) {
                if (tableStamp[s] != st) {
                    tableStamp[s] = st;
                    tableKeys[s] = key;
                    tableIndex[s] = d;
                    distinctCounts[d++] = 1;
                    break;
                }
                if (tableKeys[s] == key) {
                    distinctCounts[tableIndex[s]]++;
                    break;
                }
                s = (s + 1) & mask;
            }
        }
        distinct = d;
        return d;
    }

    /**
     * Writes into {@code counts[i]} how often distinct hypothesis n-gram {@code i} occurs in the
     * reference {@code ids[0, len)}; returns {@code counts} or a larger array.
     */
    public int[] countIn(int[] ids, int len, int[] counts) {
        int d = distinct;
        int[] out = counts.length >= d ? counts : new int[Math.max(d, counts.length * 2)];
        Arrays.fill(out, 0, d, 0);
        int n = order;
        if (d == 0 || len < n) {
            return out;
        }
        if (n == 1) {
            for (int i = 0; i < len; i++) {
                int id = ids[i];
                if (id != 0) {
                    out[id - 1]++;
                }
            }
            return out;
        }
        if (slowIndex != null) {
            countInSlow(ids, len - n + 1, out);
            return out;
        }
        int b = bits;
        int st = stamp;
        int mask = tableKeys.length - 1;
        long keyMask = keyMask(b, n);
        // run: how many known ids end at i; an n-gram is usable when the run covers it
        int run = 0;
        long key = 0;
        for (int i = 0; i < len; i++) {
            int id = ids[i];
            key = ((key << b) | id) & keyMask;
            if (id == 0) {
                run = 0;
                continue;
            }
            if (++run < n) {
                continue;
            }
            int s = slot(key);
            while (tableStamp[s] == st) {
                if (tableKeys[s] == key) {
                    out[tableIndex[s]]++;
                    break;
                }
                s = (s + 1) & mask;
            }
        }
        return out;
    }

    private static long keyMask(int bits, int n) {
        int width = bits * n;
        return width >= 64 ? -1L : (1L << width) - 1;
    }

    private static String slowKey(int[] ids, int s, int n) {
        char[] c = new char[2 * n];
        for (int j = 0; j < n; j++) {
            c[2 * j] = (char) (ids[s + j] >>> 16);
            c[2 * j + 1] = (char) ids[s + j];
        }
        return new String(c);
    }

    private int prepareSlow(int[] ids, int total, int n) {
        Map<String, Integer> index = new HashMap<>();
        int d = 0;
        for (int i = 0; i < total; i++) {
            String key = slowKey(ids, i, n);
            Integer at = index.get(key);
            if (at == null) {
                index.put(key, d);
                distinctCounts[d] = 1;
                d++;
            } else {
                distinctCounts[at]++;
            }
        }
        slowIndex = index;
        distinct = d;
        return d;
    }

    private void countInSlow(int[] ids, int total, int[] out) {
        int n = order;
        outer:
        for (int i = 0; i < total; i++) {
            for (int j = 0; j < n; j++) {
                if (ids[i + j] == 0) {
                    continue outer;
                }
            }
            Integer at = slowIndex.get(slowKey(ids, i, n));
            if (at != null) {
                out[at]++;
            }
        }
    }
}
