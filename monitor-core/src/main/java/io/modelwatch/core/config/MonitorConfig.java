package io.modelwatch.core.config;

import java.util.List;
import java.util.Map;

/**
 * One monitor: a source of prediction records, how to read them, and the metrics to compute.
 *
 * @param name unique name
 * @param model the model's name (a label on every result)
 * @param mode how the monitor runs (default static)
 * @param source where records come from
 * @param fields logical field name → JSON Pointer; {@code time} is required
 * @param segmentBy JSON Pointers whose values split results into segments
 * @param maxSegments segments kept per monitor before the rest go to {@code __other__} (default 100)
 * @param window the window (null in static mode: one result over the whole input)
 * @param schedule periodic mode's schedule, such as {@code every 5m}
 * @param baseline what results are compared with (optional)
 * @param intervals confidence intervals by random groups
 * @param metrics the metrics
 * @param sinks sinks for this monitor only, in addition to the top-level ones
 */
public record MonitorConfig(String name, String model, Mode mode, SourceConfig source, Map<String, String> fields,
                            List<String> segmentBy, Integer maxSegments, WindowConfig window, String schedule,
                            BaselineConfig baseline, IntervalsConfig intervals, List<MetricConfig> metrics,
                            List<SinkConfig> sinks) {
    public MonitorConfig {
        mode = mode == null ? Mode.STATIC : mode;
        fields = fields == null ? Map.of() : fields;
        // Lists keep empty items ("- " in YAML) as null, so that validation can point at them.
        segmentBy = ModelWatchConfig.listOf(segmentBy);
        maxSegments = maxSegments == null ? 100 : maxSegments;
        intervals = intervals == null ? new IntervalsConfig(null, null, null, null) : intervals;
        metrics = ModelWatchConfig.listOf(metrics);
        sinks = ModelWatchConfig.listOf(sinks);
    }
}
