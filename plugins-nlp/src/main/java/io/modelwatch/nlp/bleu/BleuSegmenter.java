package io.modelwatch.nlp.bleu;

import static java.util.Objects.requireNonNull;

import io.modelwatch.nlp.ngram.NgramMatcher;
import io.modelwatch.nlp.ngram.SpanDictionary;
import io.modelwatch.nlp.text.PythonText;
import io.modelwatch.nlp.tokenize.Tokenizer;
import io.modelwatch.nlp.tokenize.Tokens;
import java.util.Arrays;
import java.util.List;

/**
 * Computes one segment's BLEU sufficient statistics {@code [hyp_len, ref_len, c1..cN, t1..tN]}
 * from a hypothesis and its references, as sacreBLEU 2.6.0 does.
 *
 * <p>Reference n-gram counts are combined by the maximum per n-gram, matches are clipped to it,
 * and the reference length is the one closest to the hypothesis length (the shorter on a tie).
 * Null references are skipped. Holds reusable scratch buffers, so it allocates nothing per
 * segment once warm: mutable and not thread-safe; use one per thread.
 */
public final class BleuSegmenter {
    private final Tokenizer tokenizer;
    private final boolean lowercase;
    private final int order;
    private final Tokenizer.Scratch scratch = new Tokenizer.Scratch();
    private final Tokens hyp = new Tokens();
    private final Tokens ref = new Tokens();
    private final SpanDictionary dictionary = new SpanDictionary();
    private final NgramMatcher matcher = new NgramMatcher();
    private int[] hypIds = new int[64];
    private int[][] refIds = new int[4][64];
    private int[] refLens = new int[4];
    private int[] counts = new int[64];
    private int[] maxCounts = new int[64];

    /** Creates a segmenter for the tokenizer, case handling and order of {@code options}. */
    public BleuSegmenter(BleuOptions options) {
        requireNonNull(options, "options is null");
        this.tokenizer = Tokenizer.of(options.tokenize());
        this.lowercase = options.lowercase();
        this.order = options.maxOrder();
    }

    /** Returns the tokens of {@code text} under this segmenter's settings (for tests and text statistics). */
    public Tokens tokenize(String text, Tokens out) {
        tokenizer.tokenize(lowercase ? PythonText.lower(text) : text, out, scratch);
        return out;
    }

    /**
     * Computes the statistics of one segment into {@code stats} (length {@code 2 + 2N}).
     *
     * @param hypothesis the hypothesis; never null
     * @param references the references; null entries are skipped
     * @param stats where to write {@code [hyp_len, ref_len, c1..cN, t1..tN]}
     * @return the number of non-null references used; 0 means the segment has none and
     *     {@code stats} is not written
     */
    public int statistics(String hypothesis, List<String> references, long[] stats) {
        int refCount = 0;
        for (int r = 0, size = references.size(); r < size; r++) {
            if (references.get(r) != null) {
                refCount++;
            }
        }
        if (refCount == 0) {
            return 0;
        }
        tokenize(hypothesis, hyp);
        int hypLen = hyp.count();
        hypIds = dictionary.encodeHypothesis(hyp, hypIds);
        if (refIds.length < refCount) {
            refIds = Arrays.copyOf(refIds, refCount);
            refLens = Arrays.copyOf(refLens, refCount);
            for (int r = 0; r < refCount; r++) {
                if (refIds[r] == null) {
                    refIds[r] = new int[64];
                }
            }
        }
        int k = 0;
        int closest = -1;
        for (int r = 0, size = references.size(); r < size; r++) {
            String text = references.get(r);
            if (text == null) {
                continue;
            }
            tokenize(text, ref);
            int len = ref.count();
            refIds[k] = dictionary.encodeReference(ref, refIds[k]);
            refLens[k] = len;
            k++;
            if (closest < 0) {
                closest = len;
            } else {
                int d = Math.abs(hypLen - len);
                int best = Math.abs(hypLen - closest);
                if (d < best || (d == best && len < closest)) {
                    closest = len;
                }
            }
        }
        stats[0] = hypLen;
        stats[1] = closest;
        int maxId = dictionary.size();
        for (int n = 1; n <= order; n++) {
            int total = Math.max(0, hypLen - n + 1);
            stats[2 + order + n - 1] = total;
            if (total == 0) {
                stats[2 + n - 1] = 0;
                continue;
            }
            int d = matcher.prepare(hypIds, hypLen, n, maxId);
            long correct = 0;
            if (refCount == 1) {
                counts = matcher.countIn(refIds[0], refLens[0], counts);
                for (int i = 0; i < d; i++) {
                    correct += Math.min(matcher.hypothesisCount(i), counts[i]);
                }
            } else {
                if (maxCounts.length < d) {
                    maxCounts = new int[Math.max(d, maxCounts.length * 2)];
                }
                Arrays.fill(maxCounts, 0, d, 0);
                for (int r = 0; r < refCount; r++) {
                    counts = matcher.countIn(refIds[r], refLens[r], counts);
                    for (int i = 0; i < d; i++) {
                        if (counts[i] > maxCounts[i]) {
                            maxCounts[i] = counts[i];
                        }
                    }
                }
                for (int i = 0; i < d; i++) {
                    correct += Math.min(matcher.hypothesisCount(i), maxCounts[i]);
                }
            }
            stats[2 + n - 1] = correct;
        }
        return refCount;
    }
}
