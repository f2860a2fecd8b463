package io.modelwatch.nlp.ngram;

import io.modelwatch.nlp.tokenize.Tokens;
import java.util.Arrays;

/**
 * Numbers the distinct tokens of one hypothesis 1..V and looks reference tokens up in it.
 *
 * <p>Ids only need to be equal for equal tokens within one record, so a per-record dictionary
 * turns n-grams into small integers without hashing collisions and without a vocabulary that
 * grows with the stream. A reference token the hypothesis lacks gets id 0 (it can never match).
 * Mutable scratch space, reused for every record; not thread-safe.
 */
public final class SpanDictionary {
    private int[] table = new int[128];
    private int mask = 127;
    private int[] firstToken = new int[64];
    private Tokens hyp;
    private int size;

    /** Returns the number of distinct hypothesis tokens numbered by the last {@link #encodeHypothesis}. */
    public int size() {
        return size;
    }

    /**
     * Numbers the tokens of {@code hypothesis} and returns their ids (1-based), in {@code ids}
     * or a larger array when it is too small.
     */
    public int[] encodeHypothesis(Tokens hypothesis, int[] ids) {
        int n = hypothesis.count();
        this.hyp = hypothesis;
        size = 0;
        int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
        if (table.length != cap) {
            if (table.length < cap || table.length > 4 * cap) {
                table = new int[cap];
            } else {
                cap = table.length;
            }
        }
        Arrays.fill(table, 0);
        mask = table.length - 1;
        if (firstToken.length < n + 1) {
            firstToken = new int[Math.max(n + 1, firstToken.length * 2)];
        }
        int[] out = ids.length >= n ? ids : new int[Math.max(n, ids.length * 2)];
        for (int i = 0; i < n; i++) {
            int slot = mix(hypothesis.hash(i)) & mask;
            int id;
            while (true) {
                id = table[slot];
                if (id == 0) {
                    id = ++size;
                    table[slot] = id;
                    firstToken[id] = i;
                    break;
                }
                if (hypothesis.sameToken(firstToken[id], hypothesis, i)) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            out[i] = id;
        }
        return out;
    }

    /**
     * Looks the tokens of {@code reference} up among the last hypothesis's tokens: the id, or 0
     * when the hypothesis has no such token. Returns {@code ids} or a larger array.
     */
    public int[] encodeReference(Tokens reference, int[] ids) {
        int n = reference.count();
        int[] out = ids.length >= n ? ids : new int[Math.max(n, ids.length * 2)];
        for (int i = 0; i < n; i++) {
            int slot = mix(reference.hash(i)) & mask;
            int id;
            while (true) {
                id = table[slot];
                if (id == 0 || hyp.sameToken(firstToken[id], reference, i)) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            out[i] = id;
        }
        return out;
    }

    static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
