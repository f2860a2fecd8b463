package io.modelwatch.nlp.bleu;

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
 * Corpus BLEU per window, identical to sacreBLEU 2.6.0's {@code corpus_bleu}: the state sums each
 * segment's sufficient statistics, and the result scores the sums.
 *
 * <p>A record without any (non-null) reference is skipped and counted in the {@code unreferenced}
 * output (live traffic usually has no reference); a record with references but no hypothesis is
 * rejected. Immutable and thread-safe: per-thread scratch buffers live in a {@link ThreadLocal}.
 */
public final class BleuMetric implements Metric<BleuState> {
    private final BleuOptions options;
    private final BleuOptions sentenceOptions;
    private final boolean sentenceMean;
    private final FieldRef hypothesis;
    private final FieldRef references;
    private final ThreadLocal<Workspace> workspace;
    private final Codec codec = new Codec();

    /**
     * Creates the metric.
     *
     * @param options the BLEU settings
     * @param sentenceMean whether to also average sentence BLEU (effective order on, as sacreBLEU's
     *     {@code sentence_bleu})
     * @param hypothesis the hypothesis field
     * @param references the references field
     */
    public BleuMetric(BleuOptions options, boolean sentenceMean, FieldRef hypothesis, FieldRef references) {
        this.options = requireNonNull(options, "options is null");
        this.sentenceOptions = options.withEffectiveOrder();
        this.sentenceMean = sentenceMean;
        this.hypothesis = requireNonNull(hypothesis, "hypothesis is null");
        this.references = requireNonNull(references, "references is null");
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(options));
    }

    /** Per-thread scratch space. */
    private static final class Workspace {
        final BleuSegmenter segmenter;
        final long[] stats;

        Workspace(BleuOptions options) {
            this.segmenter = new BleuSegmenter(options);
            this.stats = new long[2 + 2 * options.maxOrder()];
        }
    }

    /** Returns the options. */
    public BleuOptions options() {
        return options;
    }

    @Override
    public BleuState newState() {
        return new BleuState(options.maxOrder());
    }

    @Override
    public void add(BleuState state, Observation o) {
        List<String> refs = o.texts(references);
        if (refs == null || refs.isEmpty() || allNull(refs)) {
            state.unreferenced++;
            return;
        }
        String hyp = o.text(hypothesis);
        if (hyp == null) {
            state.rejected++;
            return;
        }
        Workspace w = workspace.get();
        long[] seg = w.stats;
        int nrefs = w.segmenter.statistics(hyp, refs, seg);
        long[] sum = state.stats;
        for (int i = 0; i < seg.length; i++) {
            sum[i] += seg[i];
        }
        state.count++;
        if (nrefs < state.minRefs) {
            state.minRefs = nrefs;
        }
        if (nrefs > state.maxRefs) {
            state.maxRefs = nrefs;
        }
        if (sentenceMean) {
            state.sentenceSum += BleuScore.of(seg, sentenceOptions).score();
        }
    }

    private static boolean allNull(List<String> refs) {
        for (int i = 0, n = refs.size(); i < n; i++) {
            if (refs.get(i) != null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void merge(BleuState target, BleuState source) {
        target.mergeFrom(source);
    }

    @Override
    public MetricValue result(BleuState state) {
        int order = options.maxOrder();
        MetricValue.Builder b = MetricValue.builder().count(state.count).rejected(state.rejected);
        if (state.count == 0) {
            for (String name : BleuFactory.outputNames(order)) {
                if (name.equals("unreferenced")) {
                    b.put(name, state.unreferenced);
                } else {
                    b.putUndefined(name);
                }
            }
        } else {
            BleuScore s = BleuScore.of(state.stats, options);
            b.put("score", s.score()).put("bp", s.bp()).put("ratio", s.ratio())
                    .put("sys_len", s.sysLen()).put("ref_len", s.refLen());
            for (int n = 0; n < order; n++) {
                b.put("precision_" + (n + 1), s.precisions()[n]);
            }
            for (int n = 0; n < order; n++) {
                b.put("counts_" + (n + 1), s.counts()[n]);
            }
            for (int n = 0; n < order; n++) {
                b.put("totals_" + (n + 1), s.totals()[n]);
            }
            if (sentenceMean) {
                b.put("sentence_mean", state.sentenceSum / state.count);
            } else {
                b.putUndefined("sentence_mean");
            }
            b.put("unreferenced", state.unreferenced);
        }
        b.table("signature", Table.single("signature", options.signature(state.nrefs())));
        return b.build();
    }

    @Override
    public StateCodec<BleuState> codec() {
        return codec;
    }

    /** Version 1: order, counters, reference-count range, summed statistics, sentence sum. */
    private final class Codec implements StateCodec<BleuState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(BleuState s, DataOutput out) throws IOException {
            out.writeInt(options.maxOrder());
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeLong(s.unreferenced);
            out.writeInt(s.minRefs);
            out.writeInt(s.maxRefs);
            for (long v : s.stats) {
                out.writeLong(v);
            }
            out.writeDouble(s.sentenceSum);
        }

        @Override
        public BleuState decode(DataInput in, int version) throws IOException {
            int order = in.readInt();
            if (order != options.maxOrder()) {
                throw new IOException("state has max_ngram_order " + order + " but the metric has "
                        + options.maxOrder());
            }
            BleuState s = newState();
            s.count = in.readLong();
            s.rejected = in.readLong();
            s.unreferenced = in.readLong();
            s.minRefs = in.readInt();
            s.maxRefs = in.readInt();
            for (int i = 0; i < s.stats.length; i++) {
                s.stats[i] = in.readLong();
            }
            s.sentenceSum = in.readDouble();
            return s;
        }
    }
}
