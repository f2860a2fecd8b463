package io.modelwatch.nlp.ter;

/**
 * The mutable state of {@link TerMetric}: summed edits (an integer) and summed reference length
 * (a double: with several references a segment's length is an average). Used by one thread at a
 * time; not thread-safe.
 */
public final class TerState {
    long edits;
    /** Summed in record order, as sacreBLEU sums segments; merging adds the sums. */
    double refLength;
    long count;
    long rejected;
    long unreferenced;
    int minRefs = Integer.MAX_VALUE;
    int maxRefs;

    void mergeFrom(TerState o) {
        edits += o.edits;
        refLength += o.refLength;
        count += o.count;
        rejected += o.rejected;
        unreferenced += o.unreferenced;
        minRefs = Math.min(minRefs, o.minRefs);
        maxRefs = Math.max(maxRefs, o.maxRefs);
    }

    String nrefs() {
        if (count == 0) {
            return "0";
        }
        return minRefs == maxRefs ? Integer.toString(minRefs) : "var";
    }

    /** Returns the summed edits. */
    public long edits() {
        return edits;
    }

    /** Returns the summed reference length. */
    public double refLength() {
        return refLength;
    }
}
