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
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * A test plugin whose metric {@code test.values} keeps every value of its input {@code x} and,
 * against a baseline, reports the two-sample Kolmogorov–Smirnov statistic and p-value (Commons
 * Math) as its {@link Metric#drift}.
 */
public final class DriftPlugin implements MonitorPlugin {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return List.of(new MetricFactory() {
            @Override
            public String type() {
                return "test.values";
            }

            @Override
            public String description() {
                return "Keeps its values; drift is a KS test (tests only).";
            }

            @Override
            public List<InputSpec> inputs() {
                return List.of(InputSpec.required("x", InputKind.NUMBER, "a number"));
            }

            @Override
            public List<ParamSpec> params() {
                return List.of();
            }

            @Override
            public List<OutputSpec> outputs() {
                return List.of(new OutputSpec("mean", "the mean"));
            }

            @Override
            public Metric<?> create(MetricSpec spec) {
                return new Values(spec.input("x"));
            }
        });
    }

    static final class Values implements Metric<List<Double>> {
        private final FieldRef x;

        Values(FieldRef x) {
            this.x = x;
        }

        @Override
        public List<Double> newState() {
            return new ArrayList<>();
        }

        @Override
        public void add(List<Double> state, Observation o) {
            state.add(o.number(x));
        }

        @Override
        public void merge(List<Double> target, List<Double> source) {
            target.addAll(source);
        }

        @Override
        public MetricValue result(List<Double> state) {
            MetricValue.Builder b = MetricValue.builder().count(state.size());
            return state.isEmpty() ? b.putUndefined("mean").build()
                    : b.put("mean", state.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).build();
        }

        @Override
        public MetricValue drift(List<Double> current, List<Double> baseline) {
            double[] a = current.stream().mapToDouble(Double::doubleValue).toArray();
            double[] b = baseline.stream().mapToDouble(Double::doubleValue).toArray();
            KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
            return MetricValue.builder().count(a.length).put("ks", ks.kolmogorovSmirnovStatistic(a, b))
                    .put("ks_p_value", ks.kolmogorovSmirnovTest(a, b)).build();
        }

        @Override
        public StateCodec<List<Double>> codec() {
            return new StateCodec<>() {
                @Override
                public int version() {
                    return 1;
                }

                @Override
                public void encode(List<Double> state, DataOutput out) throws IOException {
                    out.writeInt(state.size());
                    for (double v : state) {
                        out.writeDouble(v);
                    }
                }

                @Override
                public List<Double> decode(DataInput in, int version) throws IOException {
                    int n = in.readInt();
                    List<Double> s = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        s.add(in.readDouble());
                    }
                    return s;
                }
            };
        }
    }
}
