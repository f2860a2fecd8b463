package io.modelwatch.nlp.chrf;

import java.util.Arrays;

/**
 * The mutable state of {@link ChrfMetric}: the summed per-order chrF statistics of every accepted
 * segment, so merging is exact. Used by one thread at a time; not thread-safe.
 */
public final class ChrfState {
    /** {@code [hyp_n, ref_n, match_n]} per order, summed. */
    final long[] stats;
    long count;
    long rejected;
    long unreferenced;
    int minRefs = Integer.MAX_VALUE;
    int maxRefs;

    ChrfState(int orders) {
        this.stats = new long[3 * orders];
    }

    void mergeFrom(ChrfState other) {
        for (int i = 0; i < stats.length; i++) {
            stats[i] += other.stats[i];
        }
        count += other.count;
        rejected += other.rejected;
        unreferenced += other.unreferenced;
        minRefs = Math.min(minRefs, other.minRefs);
        maxRefs = Math.max(maxRefs, other.maxRefs);
    }

    String nrefs() {
        if (count == 0) {
            return "0";
        }
        return minRefs == maxRefs ? Integer.toString(minRefs) : "var";
    }

    /** Returns a copy of the summed statistics. */
    public long[] statistics() {
        return Arrays.copyOf(stats, stats.length);
    }
}
