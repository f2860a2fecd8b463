package io.modelwatch.nlp.bleu;

import java.util.Arrays;

/**
 * The mutable state of {@link BleuMetric}: the summed sufficient statistics of every accepted
 * segment, so that the BLEU of merged states is exactly the corpus BLEU of all their segments.
 *
 * <p>Used by one thread at a time (the host's guarantee); not thread-safe.
 */
public final class BleuState {
    /** {@code [sys_len, ref_len, c1..cN, t1..tN]}, summed. */
    final long[] stats;
    long count;
    long rejected;
    long unreferenced;
    /** Smallest and largest number of non-null references of a segment; for the signature's nrefs. */
    int minRefs = Integer.MAX_VALUE;
    int maxRefs;
    /** Sum of sentence BLEU scores, when the metric computes {@code sentence_mean}. */
    double sentenceSum;

    BleuState(int order) {
        this.stats = new long[2 + 2 * order];
    }

    void mergeFrom(BleuState other) {
        for (int i = 0; i < stats.length; i++) {
            stats[i] += other.stats[i];
        }
        count += other.count;
        rejected += other.rejected;
        unreferenced += other.unreferenced;
        minRefs = Math.min(minRefs, other.minRefs);
        maxRefs = Math.max(maxRefs, other.maxRefs);
        sentenceSum += other.sentenceSum;
    }

    /** Returns the signature's {@code nrefs} value: the common count, {@code var}, or {@code 0} when empty. */
    String nrefs() {
        if (count == 0) {
            return "0";
        }
        return minRefs == maxRefs ? Integer.toString(minRefs) : "var";
    }

    /** Returns a copy of the summed statistics {@code [sys_len, ref_len, c1..cN, t1..tN]}. */
    public long[] statistics() {
        return Arrays.copyOf(stats, stats.length);
    }

    @Override
    public String toString() {
        return "BleuState" + Arrays.toString(stats) + " count=" + count + " rejected=" + rejected;
    }
}
