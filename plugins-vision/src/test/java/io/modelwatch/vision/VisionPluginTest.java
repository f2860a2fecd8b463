package io.modelwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.api.OutputSpec;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is found by ServiceLoader and contributes the three vision metrics. */
class VisionPluginTest {
    @Test
    void serviceLoaderFindsThePluginAndItsMetrics() {
        List<MonitorPlugin> plugins = ServiceLoader.load(MonitorPlugin.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p instanceof VisionPlugin).toList();
        assertThat(plugins).hasSize(1);
        MonitorPlugin plugin = plugins.get(0);
        assertThat(plugin.name()).isEqualTo("vision");
        assertThat(plugin.metricFactories()).extracting(MetricFactory::type)
                .containsExactly("vision.calibration", "vision.classwise_ece", "vision.confidence")
                .allMatch(t -> t.startsWith(plugin.name() + "."));
        for (MetricFactory f : plugin.metricFactories()) {
            assertThat(f.description()).isNotBlank();
            assertThat(f.outputs()).isNotEmpty();
        }
        // a flag, a bound and a count: reported, but neither given an interval nor tested against the baseline
        assertThat(plugin.metricFactories()).flatExtracting(MetricFactory::outputs)
                .filteredOn(OutputSpec::descriptive).extracting(OutputSpec::name)
                .containsExactlyInAnyOrder("nll_infinite", "ece_error_bound", "class_count");
    }
}
