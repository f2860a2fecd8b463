package io.modelwatch.core.metrics;

import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * {@code core.throughput}: records per second of event time, over the span from the first to
 * the last record's event time in the window (undefined for fewer than two distinct times).
 */
public final class ThroughputMetric implements Metric<ThroughputMetric.State> {
    /** The state: count and the event-time span. */
    public static final class State {
        long count;
        long minMillis = Long.MAX_VALUE;
        long maxMillis = Long.MIN_VALUE;
    }

    /** Creates {@code core.throughput}. */
    public static final class Factory implements MetricFactory {
        @Override
        public String type() {
            return "core.throughput";
        }

        @Override
        public String description() {
            return "Records per second of event time, from the first to the last record of the window.";
        }

        @Override
        public List<InputSpec> inputs() {
            return List.of();
        }

        @Override
        public List<ParamSpec> params() {
            return List.of();
        }

        @Override
        public List<OutputSpec> outputs() {
            return List.of(new OutputSpec("per_second", "records per second of event time").within(0, Double.POSITIVE_INFINITY));
        }

        @Override
        public Metric<?> create(MetricSpec spec) {
            return new ThroughputMetric();
        }
    }

    private static final StateCodec<State> CODEC = new StateCodec<>() {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(State state, DataOutput out) throws IOException {
            out.writeLong(state.count);
            out.writeLong(state.minMillis);
            out.writeLong(state.maxMillis);
        }

        @Override
        public State decode(DataInput in, int version) throws IOException {
            State s = new State();
            s.count = in.readLong();
            s.minMillis = in.readLong();
            s.maxMillis = in.readLong();
            return s;
        }
    };

    @Override
    public State newState() {
        return new State();
    }

    @Override
    public void add(State state, Observation o) {
        long t = o.timeMillis();
        state.count++;
        state.minMillis = Math.min(state.minMillis, t);
        state.maxMillis = Math.max(state.maxMillis, t);
    }

    @Override
    public void merge(State target, State source) {
        target.count += source.count;
        target.minMillis = Math.min(target.minMillis, source.minMillis);
        target.maxMillis = Math.max(target.maxMillis, source.maxMillis);
    }

    @Override
    public MetricValue result(State state) {
        double span = state.count < 2 ? 0 : (state.maxMillis - state.minMillis) / 1000.0;
        return MetricValue.builder().count(state.count)
                .put("per_second", span > 0 ? state.count / span : Double.NaN)
                .build();
    }

    @Override
    public StateCodec<State> codec() {
        return CODEC;
    }
}
