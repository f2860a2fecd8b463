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
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * {@code core.error_rate}: the share of records whose configured field is present and neither
 * null nor {@code false} (an error message, an error code, {@code true}).
 */
public final class ErrorRateMetric implements Metric<ErrorRateMetric.State> {
    /** The state: records and errors. */
    public static final class State {
        long count;
        long errors;
    }

    /** Creates {@code core.error_rate}. */
    public static final class Factory implements MetricFactory {
        @Override
        public String type() {
            return "core.error_rate";
        }

        @Override
        public String description() {
            return "Share of records whose error field is present and not null/false.";
        }

        @Override
        public List<InputSpec> inputs() {
            return List.of();
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(ParamSpec.optional("field", ParamType.FIELD, "failed",
                    "the field (under fields:) that marks a failed prediction"));
        }

        @Override
        public List<OutputSpec> outputs() {
            return List.of(new OutputSpec("rate", "errors / records, 0 to 1").within(0, 1),
                    OutputSpec.descriptive("errors", "records marked as failed"));
        }

        @Override
        public Metric<?> create(MetricSpec spec) {
            return new ErrorRateMetric(spec.field(spec.string("field"), InputKind.FLAG));
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
            out.writeLong(state.errors);
        }

        @Override
        public State decode(DataInput in, int version) throws IOException {
            State s = new State();
            s.count = in.readLong();
            s.errors = in.readLong();
            return s;
        }
    };

    private final FieldRef field;

    ErrorRateMetric(FieldRef field) {
        this.field = field;
    }

    @Override
    public State newState() {
        return new State();
    }

    @Override
    public void add(State state, Observation o) {
        state.count++;
        if (o.flag(field)) {
            state.errors++;
        }
    }

    @Override
    public void merge(State target, State source) {
        target.count += source.count;
        target.errors += source.errors;
    }

    @Override
    public MetricValue result(State state) {
        return MetricValue.builder().count(state.count)
                .put("rate", state.count == 0 ? Double.NaN : (double) state.errors / state.count)
                .put("errors", state.errors)
                .build();
    }

    @Override
    public StateCodec<State> codec() {
        return CODEC;
    }
}
