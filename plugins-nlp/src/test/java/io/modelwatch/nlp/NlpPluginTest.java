package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.testkit.TestMetricSpec;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plugin is found by ServiceLoader, and each factory describes itself and works with its defaults. */
class NlpPluginTest {
    @Test
    void serviceLoaderFindsThePluginWithItsFiveMetrics() {
        List<MonitorPlugin> plugins = ServiceLoader.load(MonitorPlugin.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p instanceof NlpPlugin).toList();
        assertEquals(1, plugins.size());
        Set<String> types = plugins.get(0).metricFactories().stream().map(MetricFactory::type).collect(Collectors.toSet());
        assertEquals(Set.of("nlp.bleu", "nlp.chrf", "nlp.ter", "nlp.text_stats", "nlp.output_drift"), types);
    }

    @Test
    void everyFactoryDescribesItselfAndDeclaredOutputsMatchResults() {
        for (MetricFactory f : new NlpPlugin().metricFactories()) {
            assertTrue(f.type().startsWith("nlp."), f.type());
            assertFalse(f.description().isBlank(), f.type());
            assertFalse(f.inputs().isEmpty(), f.type());
            for (ParamSpec p : f.params()) {
                assertFalse(p.description().isBlank(), f.type() + " " + p.name());
            }
            if (f.params().stream().anyMatch(ParamSpec::required)) {
                continue; // output_drift needs a baseline file: covered by its own tests
            }
            Metric<Object> m = TestMetricSpec.of(f).create();
            MetricValue v = m.result(m.newState());
            // every declared output appears in the result (placeholders such as precision_n expand to _1.._4)
            for (OutputSpec o : f.outputs()) {
                String name = o.name().endsWith("_n") ? o.name().replace("_n", "_1") : o.name();
                assertTrue(v.values().containsKey(name), f.type() + " result lacks " + name + ": " + v.values().keySet());
            }
            assertEquals(f.outputs().stream().mapToInt(o -> o.name().endsWith("_n") ? 4 : 1).sum(), v.values().size(),
                    f.type() + " outputs " + v.values().keySet());
        }
    }
}
