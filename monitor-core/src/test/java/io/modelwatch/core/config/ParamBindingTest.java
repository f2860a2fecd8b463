package io.modelwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.metrics.CountMetric;
import io.modelwatch.core.plugin.PluginManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a metric's {@code create} receives: YAML values converted to the Java types
 * {@link MetricSpec} promises (a single value as a list of one, numbers written as text), defaults
 * filled in with those same types, and every type mismatch reported with what was expected.
 */
class ParamBindingTest {
    private static final Path BASE = Path.of("/srv/mw");

    private final List<MetricSpec> created = new ArrayList<>();
    private final PluginManager plugins = new PluginManager();

    ParamBindingTest() {
        plugins.install(new ProbePlugin(created));
    }

    @AfterEach
    void close() {
        plugins.close();
    }

    /** A plugin whose one metric declares a parameter of every type and keeps the specs it is created with. */
    private record ProbePlugin(List<MetricSpec> created) implements MonitorPlugin {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Collection<MetricFactory> metricFactories() {
            return List.of(new MetricFactory() {
                @Override
                public String type() {
                    return "probe.params";
                }

                @Override
                public List<InputSpec> inputs() {
                    return List.of();
                }

                @Override
                public List<ParamSpec> params() {
                    // Defaults deliberately of near-miss Java types (Integer, List<Integer>) to check the host
                    // hands the metric the promised ones.
                    return List.of(
                            ParamSpec.optional("size", ParamType.INTEGER, 200, "an integer"),
                            ParamSpec.optional("ratio", ParamType.NUMBER, 1, "a number"),
                            ParamSpec.optional("flag", ParamType.BOOLEAN, false, "a flag"),
                            ParamSpec.optional("ks", ParamType.INTEGER_LIST, List.of(1, 5), "cut-offs"),
                            ParamSpec.optional("names", ParamType.STRING_LIST, List.of("a"), "names"),
                            ParamSpec.optional("reference", ParamType.PATH, null, "a file"),
                            ParamSpec.choice("mode", "fast", List.of("fast", "exact"), "how"),
                            ParamSpec.required("label", ParamType.STRING, "a label"));
                }

                @Override
                public Metric<?> create(MetricSpec spec) {
                    created.add(spec);
                    return new CountMetric();
                }
            });
        }
    }

    private List<String> build(String params) {
        String yaml = """
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics:
                      - type: probe.params
                        params:
                """ + params;
        ConfigLoader.Loaded loaded = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, Path.of("m.yaml"));
        new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), BASE);
        return loaded.errors().errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void givenValuesArriveAsThePromisedJavaTypes() {
        List<String> errors = build("""
                          size: "64"
                          ratio: 0.25
                          flag: "true"
                          ks: 3
                          names: [x, 7]
                          reference: ref/base.jsonl
                          mode: exact
                          label: checkout
                """);

        assertThat(errors).isEmpty();
        MetricSpec spec = created.get(0);
        assertThat(spec.integer("size")).isEqualTo(64L);
        assertThat(spec.number("ratio")).isEqualTo(0.25);
        assertThat(spec.bool("flag")).isTrue();
        assertThat(spec.integers("ks")).containsExactly(3L);
        assertThat(spec.strings("names")).containsExactly("x", "7");
        assertThat(spec.path("reference")).isEqualTo(BASE.resolve("ref/base.jsonl"));
        assertThat(spec.string("mode")).isEqualTo("exact");
        assertThat(spec.string("label")).isEqualTo("checkout");
        assertThat(spec.params()).containsEntry("size", 64L).containsEntry("ks", List.of(3L));
    }

    @Test
    void defaultsArriveAsThePromisedJavaTypesToo() {
        assertThat(build("          label: x\n")).isEmpty();

        MetricSpec spec = created.get(0);
        assertThat(spec.params().get("size")).isEqualTo(200L);
        assertThat(spec.params().get("ratio")).isEqualTo(1.0);
        assertThat(spec.params().get("ks")).isEqualTo(List.of(1L, 5L));
        Long first = spec.integers("ks").get(0); // a ClassCastException here if the default stayed List<Integer>
        assertThat(first).isEqualTo(1L);
        assertThat(spec.strings("names")).containsExactly("a");
        assertThat(spec.bool("flag")).isFalse();
        assertThat(spec.has("reference")).isFalse();
        assertThat(spec.path("reference")).isNull();
        assertThat(spec.string("mode")).isEqualTo("fast");
    }

    @Test
    void mismatchesSayWhatWasExpected() {
        assertThat(build("""
                          size: 1.5
                          ratio: lots
                          flag: yes please
                          ks: [1, two]
                          names: { a: 1 }
                          mode: slow
                """)).containsExactly(
                "m.yaml:7: monitors[0].metrics[0].params: parameter 'label' of probe.params is required: a label",
                "m.yaml:8: monitors[0].metrics[0].params.size: '1.5' is not a whole number (an integer)",
                "m.yaml:9: monitors[0].metrics[0].params.ratio: 'lots' is not a number (a number)",
                "m.yaml:10: monitors[0].metrics[0].params.flag: 'yes please' is not true or false (a flag)",
                "m.yaml:11: monitors[0].metrics[0].params.ks: '[1, two]' is not a list of whole numbers (cut-offs)",
                "m.yaml:12: monitors[0].metrics[0].params.names: '{a=1}' is not a list of strings (names)",
                "m.yaml:13: monitors[0].metrics[0].params.mode: 'slow' is not one of fast, exact.");
    }
}
