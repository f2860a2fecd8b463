package io.modelwatch.nlp.ter;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes one segment's TER statistics as sacreBLEU 2.6.0 does (TER.md §4): for each non-null
 * reference in order, the edits with shifts against that reference alone; the segment's edits
 * are the minimum, and its reference length is the average word count of all non-null
 * references. Holds scratch space: mutable and not thread-safe; use one per thread.
 */
public final class TerSegmenter {
    private final TerNormalizer normalizer;
    private final TerAligner aligner = new TerAligner();
    private final Map<String, Integer> ids = new HashMap<>();
    private int[] hypIds = new int[64];
    private int[] refIds = new int[64];
    private int edits;
    private double refLength;

    /** Creates a segmenter for {@code options}. */
    public TerSegmenter(TerOptions options) {
        this.normalizer = new TerNormalizer(requireNonNull(options, "options is null"));
    }

    /** Returns the normalizer (for tests). */
    public TerNormalizer normalizer() {
        return normalizer;
    }

    /**
     * Computes the statistics of one segment; read them with {@link #edits()} and {@link #refLength()}.
     *
     * @return the number of non-null references; 0 means none and nothing was computed
     */
    public int compute(String hypothesis, List<String> references) {
        return compute(hypothesis, references, null);
    }

    /**
     * Like {@link #compute(String, List)}, also writing each reference's edits into
     * {@code perReference[k]} (stream order; -1 for a null reference) when it is not null.
     */
    public int compute(String hypothesis, List<String> references, int[] perReference) {
        ids.clear();
        List<String> hyp = normalizer.hypothesisWords(hypothesis);
        int n = hyp.size();
        if (hypIds.length < n) {
            hypIds = new int[2 * n];
        }
        for (int i = 0; i < n; i++) {
            hypIds[i] = id(hyp.get(i));
        }
        int count = 0;
        int best = Integer.MAX_VALUE;
        double lengthSum = 0.0;
        for (int k = 0; k < references.size(); k++) {
            String r = references.get(k);
            if (r == null) {
                if (perReference != null) {
                    perReference[k] = -1;
                }
                continue;
            }
            List<String> ref = normalizer.referenceWords(r);
            int m = ref.size();
            if (refIds.length < m) {
                refIds = new int[2 * m];
            }
            for (int j = 0; j < m; j++) {
                refIds[j] = id(ref.get(j));
            }
            int e = aligner.edits(hypIds, n, refIds, m);
            if (perReference != null) {
                perReference[k] = e;
            }
            best = Math.min(best, e);
            lengthSum += m;
            count++;
        }
        if (count > 0) {
            edits = best;
            refLength = lengthSum / count;
        }
        return count;
    }

    private int id(String word) {
        Integer v = ids.get(word);
        if (v == null) {
            v = ids.size() + 1;
            ids.put(word, v);
        }
        return v;
    }

    /** Returns the segment's edits from the last {@link #compute}. */
    public int edits() {
        return edits;
    }

    /** Returns the segment's reference length (average over non-null references) from the last {@link #compute}. */
    public double refLength() {
        return refLength;
    }

    /** Returns the TER score of summed edits and reference length, 0 to 100 and beyond (TER.md §5). */
    public static double score(long edits, double refLength) {
        if (refLength > 0) {
            return 100 * (edits / refLength);
        }
        return edits > 0 ? 100.0 : 0.0;
    }
}
