package io.modelwatch.nlp.ngram;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts n-gram matches between one hypothesis and its references, all given as id sequences
 * from a per-record dictionary ({@link SpanDictionary}, {@link CodePointDictionary}); id 0 marks a
 * reference item the hypothesis lacks.
 *
 * <p>Use: {@link #prepare} the hypothesis's n-grams of one order, then {@link #countIn} each
 * reference; {@link #distinct()}, {@link #hypothesisCount(int)} and the counts filled by
 * {@code countIn} give clipped matches. When ids fit, an n-gram is packed into one {@code long}
 * ({@code bits} per id) and counted by sorting, which is exact and allocation-free; otherwise it
 * falls back to exact string keys in a hash map. Mutable scratch space; not thread-safe.
 */
public final class NgramMatcher {
    private long[] hypKeys = new long[64];
    private long[] distinctKeys = new long[64];
    private int[] distinctCounts = new int[64];
    private long[] refKeys = new long[64];
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

    /**
     * Prepares the distinct n-grams of order {@code n} of {@code ids[0, len)}.
     *
     * @param maxId the largest id in use (the dictionary size)
     * @return the number of distinct n-grams
     */
    public int prepare(int[] ids, int len, int n, int maxId) {
        this.order = n;
        this.bits = bitsFor(maxId);
        int total = Math.max(0, len - n + 1);
        if (distinctCounts.length < total) {
            int cap = Math.max(total, distinctCounts.length * 2);
            hypKeys = new long[cap];
            distinctKeys = new long[cap];
            distinctCounts = new int[cap];
        }
        if ((long) bits * n > 64) {
            return prepareSlow(ids, total, n);
        }
        slowIndex = null;
        long[] k = hypKeys;
        int b = bits;
        for (int i = 0; i < total; i++) {
            long key = 0;
            for (int j = 0; j < n; j++) {
                key = (key << b) | ids[i + j];
            }
            k[i] = key;
        }
        Arrays.sort(k, 0, total);
        int d = 0;
        for (int i = 0; i < total; ) {
            long key = k[i];
            int c = 1;
            i++;
            while (i < total && k[i] == key) {
                c++;
                i++;
            }
            distinctKeys[d] = key;
            distinctCounts[d] = c;
            d++;
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
        if (d == 0) {
            return out;
        }
        int n = order;
        int total = Math.max(0, len - n + 1);
        if (slowIndex != null) {
            countInSlow(ids, total, out);
            return out;
        }
        if (refKeys.length < total) {
            refKeys = new long[Math.max(total, refKeys.length * 2)];
        }
        long[] k = refKeys;
        int b = bits;
        int m = 0;
        // lastZero: index of the most recent unknown id; an n-gram is usable when none lies inside
        int lastZero = -1;
        for (int i = 0; i < len; i++) {
            if (ids[i] == 0) {
                lastZero = i;
            }
            int s = i - n + 1;
            if (s >= 0 && lastZero < s) {
                long key = 0;
                for (int j = s; j <= i; j++) {
                    key = (key << b) | ids[j];
                }
                k[m++] = key;
            }
        }
        if (m == 0) {
            return out;
        }
        Arrays.sort(k, 0, m);
        long[] dk = distinctKeys;
        int i = 0;
        int j = 0;
        while (i < d && j < m) {
            long a = dk[i];
            long r = k[j];
            if (a < r) {
                i++;
            } else if (a > r) {
                j++;
            } else {
                int c = 0;
                while (j < m && k[j] == r) {
                    c++;
                    j++;
                }
                out[i] = c;
                i++;
            }
        }
        return out;
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
