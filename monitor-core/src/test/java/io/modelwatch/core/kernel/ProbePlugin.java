package io.modelwatch.core.kernel;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.api.Observation;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.StateCodec;
import io.modelwatch.api.Table;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A test plugin whose metric {@code test.probe} declares one optional input of every kind (so a
 * monitor can map any field to any kind) and remembers each record's id, time and segment, so
 * tests can see exactly which records reached which window.
 */
public final class ProbePlugin implements MonitorPlugin {
    /** Input name → kind; all optional. */
    static final List<InputSpec> INPUTS = List.of(
            InputSpec.optional("text", InputKind.TEXT, "a text"),
            InputSpec.optional("texts", InputKind.TEXTS, "texts"),
            InputSpec.optional("num", InputKind.NUMBER, "a number"),
            InputSpec.optional("nums", InputKind.NUMBERS, "numbers"),
            InputSpec.optional("int", InputKind.INTEGER, "an integer"),
            InputSpec.optional("ids", InputKind.IDS, "ids"),
            InputSpec.optional("graded", InputKind.GRADED_IDS, "graded ids"),
            InputSpec.optional("flag", InputKind.FLAG, "a flag"),
            InputSpec.optional("scalar", InputKind.SCALAR, "a scalar"),
            InputSpec.optional("first", InputKind.TEXT, "first of a list"),
            InputSpec.optional("second", InputKind.NUMBER, "second of a list"),
            InputSpec.optional("deep", InputKind.NUMBER, "a deeply nested number"));

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return List.of(new Factory());
    }

    /** The probe's state: one "id@time{segment}" entry per record. */
    static final class State {
        final List<String> seen = new ArrayList<>();
    }

    static final class Factory implements MetricFactory {
        @Override
        public String type() {
            return "test.probe";
        }

        @Override
        public String description() {
            return "Remembers the records it sees (tests only).";
        }

        @Override
        public List<InputSpec> inputs() {
            return INPUTS;
        }

        @Override
        public List<ParamSpec> params() {
            return List.of();
        }

        @Override
        public List<OutputSpec> outputs() {
            return List.of(OutputSpec.descriptive("records", "records seen"));
        }

        @Override
        public Metric<?> create(MetricSpec spec) {
            for (InputSpec in : INPUTS) {
                spec.input(in.name());
            }
            return new Probe();
        }
    }

    /** The probe metric; its result carries a table {@code seen} with one row per record, sorted. */
    static final class Probe implements Metric<State> {
        @Override
        public State newState() {
            return new State();
        }

        @Override
        public void add(State state, Observation o) {
            state.seen.add(o.id() + "@" + o.timeMillis() + o.segment());
        }

        @Override
        public void merge(State target, State source) {
            target.seen.addAll(source.seen);
        }

        @Override
        public MetricValue result(State state) {
            List<List<Object>> rows = new ArrayList<>();
            state.seen.stream().sorted().forEach(s -> rows.add(List.of(s)));
            return MetricValue.builder().count(state.seen.size()).put("records", state.seen.size())
                    .table("seen", new Table(List.of("record"), rows)).build();
        }

        @Override
        public StateCodec<State> codec() {
            return new StateCodec<>() {
                @Override
                public int version() {
                    return 1;
                }

                @Override
                public void encode(State state, DataOutput out) throws IOException {
                    out.writeInt(state.seen.size());
                    for (String s : state.seen) {
                        out.writeUTF(s);
                    }
                }

                @Override
                public State decode(DataInput in, int version) throws IOException {
                    State s = new State();
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        s.seen.add(in.readUTF());
                    }
                    return s;
                }
            };
        }
    }
}
