package io.modelwatch.nlp.drift;

/**
 * The mutable state of {@link OutputDriftMetric}: summed BLEU and chrF statistics of current
 * outputs against baseline outputs, and join counters; all integers, so merging is exact. Used
 * by one thread at a time; not thread-safe.
 */
public final class OutputDriftState {
    final long[] bleu = new long[10];
    final long[] chrf = new long[18];
    long count;
    long rejected;
    long unmatched;
    long identical;

    void mergeFrom(OutputDriftState o) {
        for (int i = 0; i < bleu.length; i++) {
            bleu[i] += o.bleu[i];
        }
        for (int i = 0; i < chrf.length; i++) {
            chrf[i] += o.chrf[i];
        }
        count += o.count;
        rejected += o.rejected;
        unmatched += o.unmatched;
        identical += o.identical;
    }
}
