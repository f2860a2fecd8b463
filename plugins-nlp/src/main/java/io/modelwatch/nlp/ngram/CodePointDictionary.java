package io.modelwatch.nlp.ngram;

import java.util.Arrays;

/**
 * Numbers the distinct code points of one hypothesis 1..V and looks reference code points up in
 * it (0 when absent), for character n-grams. Mutable scratch space; not thread-safe.
 */
public final class CodePointDictionary {
    private int[] keys = new int[256];
    private int[] values = new int[256];
    private int mask = 255;
    private int size;

    /** Returns the number of distinct code points numbered by the last {@link #encodeHypothesis}. */
    public int size() {
        return size;
    }

    /** Replaces each code point of {@code cps[0, n)} by its id, numbering new ones. */
    public void encodeHypothesis(int[] cps, int n) {
        int cap = Integer.highestOneBit(Math.max(32, n * 2 - 1)) << 1;
        if (keys.length < cap || keys.length > 8 * cap) {
            keys = new int[cap];
            values = new int[cap];
        }
        Arrays.fill(values, 0);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < n; i++) {
            int cp = cps[i];
            int slot = SpanDictionary.mix(cp) & mask;
            while (true) {
                int v = values[slot];
                if (v == 0) {
                    values[slot] = ++size;
                    keys[slot] = cp;
                    cps[i] = size;
                    break;
                }
                if (keys[slot] == cp) {
                    cps[i] = v;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    /** Replaces each code point of {@code cps[0, n)} by its id, or 0 when the hypothesis lacks it. */
    public void encodeReference(int[] cps, int n) {
        for (int i = 0; i < n; i++) {
            int cp = cps[i];
            int slot = SpanDictionary.mix(cp) & mask;
            while (true) {
                int v = values[slot];
                if (v == 0 || keys[slot] == cp) {
                    cps[i] = v;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }
}
