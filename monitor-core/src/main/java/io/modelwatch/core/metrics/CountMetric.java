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

/** {@code core.count}: the number of records in the window. */
public final class CountMetric implements Metric<CountMetric.State> {
    /** The state: a count. */
    public static final class State {
        long count;
    }

    /** Creates {@code core.count}. */
    public static final class Factory implements MetricFactory {
        @Override
        public String type() {
            return "core.count";
        }

        @Override
        public String description() {
            return "Number of records in the window.";
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
            return List.of(OutputSpec.descriptive("count", "records in the window"));
        }

        @Override
        public Metric<?> create(MetricSpec spec) {
            return new CountMetric();
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
        }

        @Override
        public State decode(DataInput in, int version) throws IOException {
            State s = new State();
            s.count = in.readLong();
            return s;
        }
    };

    @Override
    public State newState() {
        return new State();
    }

    @Override
    public void add(State state, Observation observation) {
        state.count++;
    }

    @Override
    public void merge(State target, State source) {
        target.count += source.count;
    }

    @Override
    public MetricValue result(State state) {
        return MetricValue.builder().count(state.count).put("count", state.count).build();
    }

    @Override
    public StateCodec<State> codec() {
        return CODEC;
    }
}
