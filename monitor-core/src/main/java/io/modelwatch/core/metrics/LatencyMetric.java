package io.modelwatch.core.metrics;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import io.modelwatch.api.StateCodec;
import io.modelwatch.api.Table;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * {@code core.latency}: mean, min, max and quantiles of a latency field.
 *
 * <p>Mean, min and max are exact (the mean through a compensated sum). Quantiles come from a
 * DataSketches KLL sketch: exact while a state holds fewer than about {@code k} values, and
 * beyond that within a normalized rank error of about 1.65% at the default {@code k = 200}
 * (99% confidence, DataSketches' published bound). Outputs are in the field's unit, which the
 * {@code unit} parameter names. Negative, NaN and missing values are rejected.
 */
public final class LatencyMetric implements Metric<LatencyMetric.State> {
    private static final String[] QUANTILE_NAMES = {"p50", "p90", "p95", "p99"};
    private static final double[] QUANTILES = {0.50, 0.90, 0.95, 0.99};

    /** The state: exact moments and a KLL sketch. */
    public static final class State {
        long count;
        long rejected;
        double sum;
        double compensation;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        KllDoublesSketch sketch;

        State(int k) {
            sketch = KllDoublesSketch.newHeapInstance(k);
        }

        void addToSum(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }
    }

    /** Creates {@code core.latency}. */
    public static final class Factory implements MetricFactory {
        @Override
        public String type() {
            return "core.latency";
        }

        @Override
        public String description() {
            return "Latency mean, min, max and p50/p90/p95/p99 (KLL sketch).";
        }

        @Override
        public List<InputSpec> inputs() {
            return List.of();
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(
                    ParamSpec.optional("field", ParamType.FIELD, "latency", "the field (under fields:) holding the latency"),
                    ParamSpec.choice("unit", "ms", List.of("ns", "us", "ms", "s"), "the unit of the field; outputs use it too"),
                    ParamSpec.optional("k", ParamType.INTEGER, 200L, "KLL sketch size: larger is more accurate (8 to 65535)"));
        }

        @Override
        public List<OutputSpec> outputs() {
            return List.of(new OutputSpec("mean", "mean latency"), OutputSpec.descriptive("min", "smallest latency"),
                    OutputSpec.descriptive("max", "largest latency"), new OutputSpec("p50", "median"),
                    new OutputSpec("p90", "90th percentile"), new OutputSpec("p95", "95th percentile"),
                    new OutputSpec("p99", "99th percentile"));
        }

        @Override
        public Metric<?> create(MetricSpec spec) {
            long k = spec.integer("k");
            if (k < 8 || k > 65535) {
                throw new IllegalArgumentException("k must be between 8 and 65535, not " + k);
            }
            return new LatencyMetric(spec.field(spec.string("field"), InputKind.NUMBER), spec.string("unit"), (int) k);
        }
    }

    private final FieldRef field;
    private final String unit;
    private final int k;
    private final StateCodec<State> codec;

    LatencyMetric(FieldRef field, String unit, int k) {
        this.field = field;
        this.unit = unit;
        this.k = k;
        this.codec = new Codec();
    }

    @Override
    public State newState() {
        return new State(k);
    }

    @Override
    public void add(State state, Observation o) {
        double x = o.number(field);
        if (!(x >= 0) || Double.isInfinite(x)) {
            state.rejected++;
            return;
        }
        state.count++;
        state.addToSum(x);
        state.min = Math.min(state.min, x);
        state.max = Math.max(state.max, x);
        state.sketch.update(x);
    }

    @Override
    public void merge(State target, State source) {
        target.count += source.count;
        target.rejected += source.rejected;
        target.addToSum(source.sum);
        target.compensation += source.compensation;
        target.min = Math.min(target.min, source.min);
        target.max = Math.max(target.max, source.max);
        if (!source.sketch.isEmpty()) {
            target.sketch.merge(source.sketch);
        }
    }

    @Override
    public MetricValue result(State state) {
        MetricValue.Builder b = MetricValue.builder().count(state.count).rejected(state.rejected);
        boolean empty = state.count == 0;
        // KLL sorts its level 0 in place when queried, which would change the state (and its
        // encoding) from result(); query a copy instead.
        KllDoublesSketch sketch = empty ? state.sketch : KllDoublesSketch.heapify(Memory.wrap(state.sketch.toByteArray()));
        b.put("mean", empty ? Double.NaN : (state.sum + state.compensation) / state.count);
        b.put("min", empty ? Double.NaN : state.min);
        b.put("max", empty ? Double.NaN : state.max);
        for (int i = 0; i < QUANTILES.length; i++) {
            b.put(QUANTILE_NAMES[i], empty ? Double.NaN
                    : sketch.getQuantile(QUANTILES[i], QuantileSearchCriteria.INCLUSIVE));
        }
        return b.table("unit", Table.single("unit", unit)).build();
    }

    @Override
    public StateCodec<State> codec() {
        return codec;
    }

    /** Version 1: count, rejected, sum, compensation, min, max, then the sketch's own bytes. */
    private final class Codec implements StateCodec<State> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(State s, DataOutput out) throws IOException {
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeDouble(s.sum);
            out.writeDouble(s.compensation);
            out.writeDouble(s.min);
            out.writeDouble(s.max);
            byte[] sketch = s.sketch.toByteArray();
            out.writeInt(sketch.length);
            out.write(sketch);
        }

        @Override
        public State decode(DataInput in, int version) throws IOException {
            State s = new State(k);
            s.count = in.readLong();
            s.rejected = in.readLong();
            s.sum = in.readDouble();
            s.compensation = in.readDouble();
            s.min = in.readDouble();
            s.max = in.readDouble();
            int n = in.readInt();
            if (n < 0 || n > (1 << 28)) {
                throw new IOException("sketch length " + n + " is not plausible");
            }
            byte[] sketch = new byte[n];
            in.readFully(sketch);
            s.sketch = KllDoublesSketch.heapify(Memory.wrap(sketch));
            return s;
        }
    }
}
