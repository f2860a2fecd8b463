package io.modelwatch.nlp.chrf;

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
 * Corpus chrF / chrF++ per window, identical to sacreBLEU 2.6.0's {@code CHRF}: the state sums
 * per-order statistics and the result scores the sums.
 *
 * <p>Records without any reference are counted as {@code unreferenced}; records with references
 * but no hypothesis are rejected. Immutable and thread-safe (per-thread scratch in a
 * {@link ThreadLocal}).
 */
public final class ChrfMetric implements Metric<ChrfState> {
    private final ChrfOptions options;
    private final FieldRef hypothesis;
    private final FieldRef references;
    private final ThreadLocal<Workspace> workspace;
    private final Codec codec = new Codec();

    /** Creates the metric for {@code options} reading the two fields. */
    public ChrfMetric(ChrfOptions options, FieldRef hypothesis, FieldRef references) {
        this.options = requireNonNull(options, "options is null");
        this.hypothesis = requireNonNull(hypothesis, "hypothesis is null");
        this.references = requireNonNull(references, "references is null");
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(options));
    }

    private static final class Workspace {
        final ChrfSegmenter segmenter;
        final long[] stats;

        Workspace(ChrfOptions options) {
            this.segmenter = new ChrfSegmenter(options);
            this.stats = new long[3 * options.orders()];
        }
    }

    @Override
    public ChrfState newState() {
        return new ChrfState(options.orders());
    }

    @Override
    public void add(ChrfState state, Observation o) {
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
        Workspace w = workspace.get();
        int nrefs = w.segmenter.statistics(hyp, refs, w.stats);
        long[] sum = state.stats;
        for (int i = 0; i < sum.length; i++) {
            sum[i] += w.stats[i];
        }
        state.count++;
        state.minRefs = Math.min(state.minRefs, nrefs);
        state.maxRefs = Math.max(state.maxRefs, nrefs);
    }

    @Override
    public void merge(ChrfState target, ChrfState source) {
        target.mergeFrom(source);
    }

    @Override
    public MetricValue result(ChrfState state) {
        MetricValue.Builder b = MetricValue.builder().count(state.count).rejected(state.rejected);
        if (state.count == 0) {
            b.putUndefined("score");
        } else {
            b.put("score", ChrfScore.of(state.stats, options.orders(), options.beta(), options.epsSmoothing()));
        }
        b.put("unreferenced", state.unreferenced);
        b.table("signature", Table.single("signature", options.signature(state.nrefs())));
        return b.build();
    }

    @Override
    public StateCodec<ChrfState> codec() {
        return codec;
    }

    /** Version 1: number of orders, counters, reference-count range, summed statistics. */
    private final class Codec implements StateCodec<ChrfState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(ChrfState s, DataOutput out) throws IOException {
            out.writeInt(options.orders());
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeLong(s.unreferenced);
            out.writeInt(s.minRefs);
            out.writeInt(s.maxRefs);
            for (long v : s.stats) {
                out.writeLong(v);
            }
        }

        @Override
        public ChrfState decode(DataInput in, int version) throws IOException {
            int orders = in.readInt();
            if (orders != options.orders()) {
                throw new IOException("state has " + orders + " orders but the metric has " + options.orders());
            }
            ChrfState s = newState();
            s.count = in.readLong();
            s.rejected = in.readLong();
            s.unreferenced = in.readLong();
            s.minRefs = in.readInt();
            s.maxRefs = in.readInt();
            for (int i = 0; i < s.stats.length; i++) {
                s.stats[i] = in.readLong();
            }
            return s;
        }
    }
}
