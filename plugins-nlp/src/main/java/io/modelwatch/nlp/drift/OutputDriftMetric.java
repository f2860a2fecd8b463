package io.modelwatch.nlp.drift;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.StateCodec;
import io.modelwatch.api.Table;
import io.modelwatch.nlp.bleu.BleuOptions;
import io.modelwatch.nlp.bleu.BleuScore;
import io.modelwatch.nlp.bleu.BleuSegmenter;
import io.modelwatch.nlp.chrf.ChrfOptions;
import io.modelwatch.nlp.chrf.ChrfScore;
import io.modelwatch.nlp.chrf.ChrfSegmenter;
import io.modelwatch.nlp.text.PythonText;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Output drift without references: the corpus BLEU and chrF of the current outputs, each scored
 * against the baseline model's output for the same input (joined by record id or by source
 * text), as if the baseline outputs were references. 100 means the model still says exactly
 * what it said; a drop means its outputs moved.
 *
 * <p>A record without hypothesis, or without the join key, is rejected; a record whose key has no
 * baseline output is counted in {@code unmatched}. Immutable and thread-safe.
 */
public final class OutputDriftMetric implements Metric<OutputDriftState> {
    private final BaselineOutputs baseline;
    private final boolean bySource;
    private final BleuOptions bleuOptions;
    private final ChrfOptions chrfOptions = ChrfOptions.chrf();
    private final FieldRef hypothesis;
    private final FieldRef source;
    private final ThreadLocal<Workspace> workspace;
    private final Codec codec = new Codec();

    /** Creates the metric. */
    public OutputDriftMetric(BaselineOutputs baseline, boolean bySource, BleuOptions bleuOptions, FieldRef hypothesis,
                             FieldRef source) {
        this.baseline = requireNonNull(baseline, "baseline is null");
        this.bySource = bySource;
        this.bleuOptions = requireNonNull(bleuOptions, "bleuOptions is null");
        this.hypothesis = requireNonNull(hypothesis, "hypothesis is null");
        this.source = requireNonNull(source, "source is null");
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(bleuOptions, chrfOptions));
    }

    private static final class Workspace {
        final BleuSegmenter bleu;
        final ChrfSegmenter chrf;
        final long[] bleuStats = new long[10];
        final long[] chrfStats = new long[18];
        final List<String> refs = new ArrayList<>(List.of(""));

        Workspace(BleuOptions b, ChrfOptions c) {
            this.bleu = new BleuSegmenter(b);
            this.chrf = new ChrfSegmenter(c);
        }
    }

    @Override
    public OutputDriftState newState() {
        return new OutputDriftState();
    }

    @Override
    public void add(OutputDriftState state, Observation o) {
        String hyp = o.text(hypothesis);
        String key = bySource ? o.text(source) : o.id();
        if (hyp == null || key == null) {
            state.rejected++;
            return;
        }
        String base = baseline.get(bySource ? PythonText.strip(key) : key);
        if (base == null) {
            state.unmatched++;
            return;
        }
        Workspace w = workspace.get();
        w.refs.set(0, base);
        w.bleu.statistics(hyp, w.refs, w.bleuStats);
        w.chrf.statistics(hyp, w.refs, w.chrfStats);
        for (int i = 0; i < 10; i++) {
            state.bleu[i] += w.bleuStats[i];
        }
        for (int i = 0; i < 18; i++) {
            state.chrf[i] += w.chrfStats[i];
        }
        state.count++;
        if (hyp.equals(base)) {
            state.identical++;
        }
    }

    @Override
    public void merge(OutputDriftState target, OutputDriftState source) {
        target.mergeFrom(source);
    }

    @Override
    public MetricValue result(OutputDriftState s) {
        MetricValue.Builder b = MetricValue.builder().count(s.count).rejected(s.rejected);
        if (s.count == 0) {
            b.putUndefined("bleu").putUndefined("chrf").putUndefined("identical_rate");
        } else {
            b.put("bleu", BleuScore.of(s.bleu, bleuOptions).score());
            b.put("chrf", ChrfScore.of(s.chrf, chrfOptions.orders(), chrfOptions.beta(), false));
            b.put("identical_rate", s.identical / (double) s.count);
        }
        b.put("unmatched", s.unmatched);
        List<List<Object>> rows = List.of(List.of("bleu", bleuOptions.signature("1")),
                List.of("chrf", chrfOptions.signature("1")));
        b.table("signature", new Table(List.of("metric", "signature"), rows));
        return b.build();
    }

    @Override
    public StateCodec<OutputDriftState> codec() {
        return codec;
    }

    /** Version 1: counters, then the BLEU and chrF statistics. */
    private static final class Codec implements StateCodec<OutputDriftState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(OutputDriftState s, DataOutput out) throws IOException {
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeLong(s.unmatched);
            out.writeLong(s.identical);
            for (long v : s.bleu) {
                out.writeLong(v);
            }
            for (long v : s.chrf) {
                out.writeLong(v);
            }
        }

        @Override
        public OutputDriftState decode(DataInput in, int version) throws IOException {
            OutputDriftState s = new OutputDriftState();
            s.count = in.readLong();
            s.rejected = in.readLong();
            s.unmatched = in.readLong();
            s.identical = in.readLong();
            for (int i = 0; i < s.bleu.length; i++) {
                s.bleu[i] = in.readLong();
            }
            for (int i = 0; i < s.chrf.length; i++) {
                s.chrf[i] = in.readLong();
            }
            return s;
        }
    }
}
