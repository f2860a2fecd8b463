package io.modelwatch.nlp.ter;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.StateCodec;
import io.modelwatch.api.Table;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Corpus TER per window, identical to sacreBLEU 2.6.0's {@code TER().corpus_score}: the state
 * sums segment edits and reference lengths; the score is {@code 100 * edits / ref_length}.
 *
 * <p>Records without any reference are counted as {@code unreferenced} (sacreBLEU would raise
 * a division by zero); records with references but no hypothesis are rejected. Immutable and
 * thread-safe (per-thread scratch in a {@link ThreadLocal}).
 */
public final class TerMetric implements Metric<TerState> {
    private final TerOptions options;
    private final FieldRef hypothesis;
    private final FieldRef references;
    private final ThreadLocal<TerSegmenter> segmenter;
    private final Codec codec = new Codec();

    /** Creates the metric for {@code options} reading the two fields. */
    public TerMetric(TerOptions options, FieldRef hypothesis, FieldRef references) {
        this.options = requireNonNull(options, "options is null");
        this.hypothesis = requireNonNull(hypothesis, "hypothesis is null");
        this.references = requireNonNull(references, "references is null");
        this.segmenter = ThreadLocal.withInitial(() -> new TerSegmenter(options));
    }

    @Override
    public TerState newState() {
        return new TerState();
    }

    @Override
    public void add(TerState state, Observation o) {
        List<String> refs = o.texts(references);
        if (refs == null || refs.isEmpty() || refs.stream().allMatch(r -> r == null)) {
            state.unreferenced++;
            return;
        }
        String hyp = o.text(hypothesis);
        if (hyp == null) {
            state.rejected++;
            return;
        }
        TerSegmenter seg = segmenter.get();
        int nrefs = seg.compute(hyp, refs);
        state.edits += seg.edits();
        state.refLength += seg.refLength();
        state.count++;
        state.minRefs = Math.min(state.minRefs, nrefs);
        state.maxRefs = Math.max(state.maxRefs, nrefs);
    }

    @Override
    public void merge(TerState target, TerState source) {
        target.mergeFrom(source);
    }

    @Override
    public MetricValue result(TerState s) {
        MetricValue.Builder b = MetricValue.builder().count(s.count).rejected(s.rejected);
        if (s.count == 0) {
            b.putUndefined("score").putUndefined("num_edits").putUndefined("ref_length");
        } else {
            b.put("score", TerSegmenter.score(s.edits, s.refLength)).put("num_edits", s.edits)
                    .put("ref_length", s.refLength);
        }
        b.put("unreferenced", s.unreferenced);
        b.table("signature", Table.single("signature", options.signature(s.nrefs())));
        return b.build();
    }

    @Override
    public StateCodec<TerState> codec() {
        return codec;
    }

    /** Version 1: counters, reference-count range, edits, reference length. */
    private static final class Codec implements StateCodec<TerState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(TerState s, DataOutput out) throws IOException {
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeLong(s.unreferenced);
            out.writeInt(s.minRefs);
            out.writeInt(s.maxRefs);
            out.writeLong(s.edits);
            out.writeDouble(s.refLength);
        }

        @Override
        public TerState decode(DataInput in, int version) throws IOException {
            TerState s = new TerState();
            s.count = in.readLong();
            s.rejected = in.readLong();
            s.unreferenced = in.readLong();
            s.minRefs = in.readInt();
            s.maxRefs = in.readInt();
            s.edits = in.readLong();
            s.refLength = in.readDouble();
            return s;
        }
    }
}
