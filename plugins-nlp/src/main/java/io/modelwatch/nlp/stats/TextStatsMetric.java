package io.modelwatch.nlp.stats;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.StateCodec;
import io.modelwatch.nlp.ngram.NgramMatcher;
import io.modelwatch.nlp.ngram.SpanDictionary;
import io.modelwatch.nlp.text.PythonText;
import io.modelwatch.nlp.tokenize.Tokenizer;
import io.modelwatch.nlp.tokenize.Tokens;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Label-free signals of generated text that need no reference: output length in tokens (mean
 * and quantiles), the share of empty outputs, the share of outputs that repeat a 4-gram, and —
 * when a {@code source} field is mapped — the share of outputs equal to their source
 * (copy-through) and the ratio of output to source tokens. Tokens come from one of the BLEU
 * tokenizers. A record without a hypothesis field is rejected. Immutable and thread-safe
 * (per-thread scratch in a {@link ThreadLocal}).
 */
public final class TextStatsMetric implements Metric<TextStatsState> {
    private final Tokenizer tokenizer;
    private final FieldRef hypothesis;
    private final FieldRef source;
    private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);
    private final Codec codec = new Codec();

    /** Creates the metric; {@code source} reads as missing when the user maps none. */
    public TextStatsMetric(Tokenizer tokenizer, FieldRef hypothesis, FieldRef source) {
        this.tokenizer = requireNonNull(tokenizer, "tokenizer is null");
        this.hypothesis = requireNonNull(hypothesis, "hypothesis is null");
        this.source = requireNonNull(source, "source is null");
    }

    private static final class Workspace {
        final Tokens tokens = new Tokens();
        final Tokenizer.Scratch scratch = new Tokenizer.Scratch();
        final SpanDictionary dictionary = new SpanDictionary();
        final NgramMatcher matcher = new NgramMatcher();
        int[] ids = new int[64];
    }

    @Override
    public TextStatsState newState() {
        return new TextStatsState();
    }

    @Override
    public void add(TextStatsState state, Observation o) {
        String hyp = o.text(hypothesis);
        if (hyp == null) {
            state.rejected++;
            return;
        }
        Workspace w = workspace.get();
        tokenizer.tokenize(hyp, w.tokens, w.scratch);
        int len = w.tokens.count();
        state.count++;
        state.tokens += len;
        state.lengths.add(len);
        if (len == 0) {
            state.empty++;
        } else if (len >= 5) {
            w.ids = w.dictionary.encodeHypothesis(w.tokens, w.ids);
            int distinct = w.matcher.prepare(w.ids, len, 4, w.dictionary.size());
            if (distinct < len - 3) {
                state.repeated++;
            }
        }
        String src = o.text(source);
        if (src != null) {
            state.withSource++;
            if (PythonText.strip(hyp).equals(PythonText.strip(src))) {
                state.copies++;
            }
            state.outputTokensWithSource += len;
            tokenizer.tokenize(src, w.tokens, w.scratch);
            state.sourceTokens += w.tokens.count();
        }
    }

    @Override
    public void merge(TextStatsState target, TextStatsState source) {
        target.mergeFrom(source);
    }

    @Override
    public MetricValue result(TextStatsState s) {
        MetricValue.Builder b = MetricValue.builder().count(s.count).rejected(s.rejected);
        double n = s.count;
        b.put("length_mean", s.tokens / n);
        b.put("length_p50", s.lengths.quantile(0.5));
        b.put("length_p90", s.lengths.quantile(0.9));
        b.put("length_p99", s.lengths.quantile(0.99));
        b.put("empty_rate", s.empty / n);
        b.put("repetition_rate", s.repeated / n);
        b.put("copy_rate", s.copies / (double) s.withSource);
        b.put("length_ratio", s.sourceTokens == 0 ? Double.NaN : s.outputTokensWithSource / (double) s.sourceTokens);
        b.put("with_source", s.withSource);
        return b.build();
    }

    /**
     * Returns the drift of the output-length distribution against a baseline state:
     * {@code length_ks}, the two-sample Kolmogorov–Smirnov statistic over the length histograms,
     * and {@code length_ks_p_value}, its asymptotic p-value (conservative for integer lengths).
     */
    @Override
    public MetricValue drift(TextStatsState current, TextStatsState baseline) {
        double d = current.lengths.ksStatistic(baseline.lengths);
        return MetricValue.builder().count(current.count).rejected(current.rejected)
                .put("length_ks", d)
                .put("length_ks_p_value", LengthHistogram.ksPValue(d, current.lengths.total(), baseline.lengths.total()))
                .build();
    }

    @Override
    public StateCodec<TextStatsState> codec() {
        return codec;
    }

    /** Version 1: the counters in declaration order, then the histogram. */
    private static final class Codec implements StateCodec<TextStatsState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(TextStatsState s, DataOutput out) throws IOException {
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeLong(s.tokens);
            out.writeLong(s.empty);
            out.writeLong(s.repeated);
            out.writeLong(s.withSource);
            out.writeLong(s.copies);
            out.writeLong(s.outputTokensWithSource);
            out.writeLong(s.sourceTokens);
            s.lengths.encode(out);
        }

        @Override
        public TextStatsState decode(DataInput in, int version) throws IOException {
            TextStatsState s = new TextStatsState();
            s.count = in.readLong();
            s.rejected = in.readLong();
            s.tokens = in.readLong();
            s.empty = in.readLong();
            s.repeated = in.readLong();
            s.withSource = in.readLong();
            s.copies = in.readLong();
            s.outputTokensWithSource = in.readLong();
            s.sourceTokens = in.readLong();
            s.lengths = LengthHistogram.decode(in);
            return s;
        }
    }
}
