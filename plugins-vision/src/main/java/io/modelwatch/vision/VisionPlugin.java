package io.modelwatch.vision;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import java.util.Collection;
import java.util.List;

/** The vision plugin: calibration and confidence metrics for classifiers. */
public final class VisionPlugin implements MonitorPlugin {
    @Override
    public String name() {
        return "vision";
    }

    @Override
    public Collection<MetricFactory> metricFactories() {
        return List.of(new CalibrationFactory(), new ClasswiseEceFactory(), new ConfidenceFactory());
    }
}
