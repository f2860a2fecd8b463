package io.modelwatch.nlp.stats;

/**
 * The mutable state of {@link TextStatsMetric}: counters and a length histogram, all integers,
 * so merging is exact. Used by one thread at a time; not thread-safe.
 */
public final class TextStatsState {
    long count;
    long rejected;
    long tokens;
    long empty;
    long repeated;
    long withSource;
    long copies;
    long outputTokensWithSource;
    long sourceTokens;
    LengthHistogram lengths = new LengthHistogram();

    void mergeFrom(TextStatsState o) {
        count += o.count;
        rejected += o.rejected;
        tokens += o.tokens;
        empty += o.empty;
        repeated += o.repeated;
        withSource += o.withSource;
        copies += o.copies;
        outputTokensWithSource += o.outputTokensWithSource;
        sourceTokens += o.sourceTokens;
        lengths.merge(o.lengths);
    }
}
