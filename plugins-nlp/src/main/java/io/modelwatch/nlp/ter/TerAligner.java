package io.modelwatch.nlp.ter;

import java.util.Arrays;

/**
 * TER's edit distance with block shifts between one hypothesis and one reference, as sacreBLEU
 * 2.6.0 computes it ({@code ../shared/reference/bleu/TER.md} §3): a greedy search that applies the
 * best shift while it lowers a beam-limited edit distance, with at most 1000 shift candidates per
 * pair, blocks of up to 10 words moved at most 50 positions, and sacreBLEU's tie-breaking and
 * move semantics.
 *
 * <p>Words are ids (equal words, equal ids). Holds reusable matrices: mutable and not
 * thread-safe; use one per thread.
 */
public final class TerAligner {
    static final int BEAM_WIDTH = 25;
    static final int MAX_SHIFT_SIZE = 10;
    static final int MAX_SHIFT_DIST = 50;
    static final int MAX_SHIFT_CANDIDATES = 1000;
    private static final int INF = Integer.MAX_VALUE / 4;
    private static final byte OP_NONE = 0;
    private static final byte OP_MATCH = 1;
    private static final byte OP_SUB = 2;
    private static final byte OP_HYP = 3;
    private static final byte OP_REF = 4;

    private int[] cost = new int[1024];
    private byte[] ops = new byte[1024];
    private int[] rowA = new int[64];
    private int[] rowB = new int[64];
    private int[] shifted = new int[64];
    private int[] bestShifted = new int[64];
    private int[] current = new int[64];
    private byte[] trace = new byte[128];
    private int[] align = new int[64];
    private boolean[] hypErr = new boolean[64];
    private boolean[] refErr = new boolean[64];

    // per-pair settings
    private int[] ref;
    private int n;
    private int m;
    private double ratio;
    private int beam;

    /** Returns the TER edits (shifts plus edit distance) of {@code hyp[0, n)} against {@code ref[0, m)}. */
    public int edits(int[] hyp, int hypLen, int[] reference, int refLen) {
        if (refLen == 0) {
            return hypLen;
        }
        if (hypLen == 0) {
            return refLen;
        }
        this.ref = reference;
        this.n = hypLen;
        this.m = refLen;
        this.ratio = (double) refLen / hypLen;
        this.beam = ratio / 2 > BEAM_WIDTH ? (int) Math.ceil(ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
        int cells = (n + 1) * (m + 1);
        if (cost.length < cells) {
            cost = new int[Math.max(cells, cost.length * 2)];
            ops = new byte[cost.length];
        }
        if (rowA.length < m + 1) {
            rowA = new int[2 * (m + 1)];
            rowB = new int[2 * (m + 1)];
        }
        if (current.length < n) {
            int cap = 2 * n;
            current = new int[cap];
            shifted = new int[cap];
            bestShifted = new int[cap];
            hypErr = new boolean[cap];
        }
        if (align.length < m) {
            align = new int[2 * m];
            refErr = new boolean[2 * m];
        }
        System.arraycopy(hyp, 0, current, 0, n);
        int shifts = 0;
        int checked = 0;
        while (true) {
            int d0 = fullDistance(current);
            alignFromTrace();
            // best candidate: gain, then longer block, then smaller start, then smaller target
            int bestGain = Integer.MIN_VALUE;
            int bestLen = 0;
            int bestStart = 0;
            int bestTarget = 0;
            boolean found = false;
            boolean capped = false;
            search:
            for (int sh = 0; sh < n; sh++) {
                for (int sr = 0; sr < m; sr++) {
                    if (Math.abs(sr - sh) > MAX_SHIFT_DIST) {
                        continue;
                    }
                    for (int len = 1; len <= MAX_SHIFT_SIZE && sh + len <= n && sr + len <= m
                            && current[sh + len - 1] == ref[sr + len - 1]; len++) {
                        if (!any(hypErr, sh, sh + len) || !any(refErr, sr, sr + len)) {
                            continue;
                        }
                        if (sh <= align[sr] && align[sr] < sh + len) {
                            continue;
                        }
                        int prev = -1;
                        for (int off = -1; off < len; off++) {
                            int t = sr + off == -1 ? 0 : align[sr + off] + 1;
                            if (t == prev) {
                                continue;
                            }
                            prev = t;
                            int prefix = move(current, sh, len, t, shifted);
                            checked++;
                            int gain = d0 - distanceFrom(shifted, prefix);
                            if (!found || better(gain, len, sh, t, bestGain, bestLen, bestStart, bestTarget)) {
                                found = true;
                                bestGain = gain;
                                bestLen = len;
                                bestStart = sh;
                                bestTarget = t;
                                System.arraycopy(shifted, 0, bestShifted, 0, n);
                            }
                        }
                        if (checked >= MAX_SHIFT_CANDIDATES) {
                            capped = true;
                            break search;
                        }
                    }
                }
            }
            if (capped || checked >= MAX_SHIFT_CANDIDATES || !found || bestGain <= 0) {
                return shifts + d0;
            }
            int[] t = current;
            current = bestShifted;
            bestShifted = t;
            shifts++;
        }
    }

    private static boolean better(int gain, int len, int sh, int t, int bGain, int bLen, int bStart, int bTarget) {
        if (gain != bGain) {
            return gain > bGain;
        }
        if (len != bLen) {
            return len > bLen;
        }
        if (sh != bStart) {
            return sh < bStart;
        }
        return t < bTarget;
    }

    private static boolean any(boolean[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code move(x, s, len, t)} into {@code out}: the block {@code x[s, s+len)} removed and
     * inserted at {@code p = t} when {@code t <= s + len}, else {@code t - len}, clamped to
     * {@code n - len}. Returns the length of the prefix {@code out} shares with {@code x}.
     */
    private int move(int[] x, int s, int len, int t, int[] out) {
        int p = t <= s + len ? t : t - len;
        if (p > n - len) {
            p = n - len;
        }
        // rest = x without the block; out = rest[0, p) + block + rest[p, n - len)
        int o = 0;
        for (int i = 0; i < p; i++) {
            out[o++] = x[i < s ? i : i + len];
        }
        System.arraycopy(x, s, out, o, len);
        o += len;
        for (int i = p; i < n - len; i++) {
            out[o++] = x[i < s ? i : i + len];
        }
        return Math.min(s, p);
    }

    private int lower(int i) {
        int d = (int) Math.floor(i * ratio);
        return Math.max(0, d - beam);
    }

    private int upper(int i) {
        if (i == n) {
            return m + 1;
        }
        int d = (int) Math.floor(i * ratio);
        return Math.min(m + 1, d + beam);
    }

    /** Fills the full matrix and ops for {@code x}; returns the distance. */
    private int fullDistance(int[] x) {
        int w = m + 1;
        int[] c = cost;
        byte[] op = ops;
        Arrays.fill(c, 0, (n + 1) * w, INF);
        Arrays.fill(op, 0, (n + 1) * w, OP_NONE);
        for (int j = 0; j <= m; j++) {
            c[j] = j;
            op[j] = j == 0 ? OP_NONE : OP_REF;
        }
        for (int i = 1; i <= n; i++) {
            int lo = lower(i);
            int hi = upper(i);
            int row = i * w;
            int up = (i - 1) * w;
            int word = x[i - 1];
            for (int j = lo; j < hi; j++) {
                if (j == 0) {
                    int v = c[up];
                    if (v < INF) {
                        c[row] = v + 1;
                        op[row] = OP_HYP;
                    }
                    continue;
                }
                int best = INF;
                byte bestOp = OP_NONE;
                int diag = c[up + j - 1];
                if (diag < INF) {
                    boolean match = word == ref[j - 1];
                    best = diag + (match ? 0 : 1);
                    bestOp = match ? OP_MATCH : OP_SUB;
                }
                int above = c[up + j];
                if (above < INF && above + 1 < best) {
                    best = above + 1;
                    bestOp = OP_HYP;
                }
                int left = c[row + j - 1];
                if (left < INF && left + 1 < best) {
                    best = left + 1;
                    bestOp = OP_REF;
                }
                c[row + j] = best;
                op[row + j] = bestOp;
            }
        }
        return c[n * w + m];
    }

    /** Returns the distance of {@code y}, which shares its first {@code prefix} words with the last full matrix's sequence. */
    private int distanceFrom(int[] y, int prefix) {
        int w = m + 1;
        int[] prev = rowA;
        int[] cur = rowB;
        System.arraycopy(cost, prefix * w, prev, 0, w);
        for (int i = prefix + 1; i <= n; i++) {
            int lo = lower(i);
            int hi = upper(i);
            Arrays.fill(cur, 0, w, INF);
            int word = y[i - 1];
            for (int j = lo; j < hi; j++) {
                if (j == 0) {
                    int v = prev[0];
                    if (v < INF) {
                        cur[0] = v + 1;
                    }
                    continue;
                }
                int best = INF;
                int diag = prev[j - 1];
                if (diag < INF) {
                    best = diag + (word == ref[j - 1] ? 0 : 1);
                }
                int above = prev[j];
                if (above < INF && above + 1 < best) {
                    best = above + 1;
                }
                int left = cur[j - 1];
                if (left < INF && left + 1 < best) {
                    best = left + 1;
                }
                cur[j] = best;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }

    /** Walks the trace of the last full matrix and fills {@code align}, {@code hypErr}, {@code refErr}. */
    private void alignFromTrace() {
        int w = m + 1;
        int len = 0;
        if (trace.length < n + m + 2) {
            trace = new byte[2 * (n + m + 2)];
        }
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            byte op = ops[i * w + j];
            trace[len++] = op;
            if (op == OP_MATCH || op == OP_SUB) {
                i--;
                j--;
            } else if (op == OP_HYP) {
                i--;
            } else if (op == OP_REF) {
                j--;
            } else {
                throw new IllegalStateException("TER trace reached an uncomputed cell at " + i + "," + j);
            }
        }
        Arrays.fill(hypErr, 0, n, false);
        Arrays.fill(refErr, 0, m, false);
        int h = -1;
        int r = -1;
        for (int k = len - 1; k >= 0; k--) {
            byte op = trace[k];
            if (op == OP_MATCH || op == OP_SUB) {
                h++;
                r++;
                align[r] = h;
                boolean err = op == OP_SUB;
                hypErr[h] = err;
                refErr[r] = err;
            } else if (op == OP_HYP) {
                h++;
                hypErr[h] = true;
            } else {
                r++;
                align[r] = h;
                refErr[r] = true;
            }
        }
    }
}
