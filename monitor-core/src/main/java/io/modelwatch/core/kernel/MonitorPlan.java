package io.modelwatch.core.kernel;

import io.modelwatch.core.config.MonitorConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A monitor ready to run: its configuration, its metrics, the fields to decode and the window
 * geometry in milliseconds. Immutable (the metrics' failure flags aside).
 *
 * @param config the monitor's configuration
 * @param metrics the metrics, in configuration order
 * @param fields the fields the metrics read
 * @param paneMillis pane length: gcd(size, slide); {@code Long.MAX_VALUE} when the monitor has no window
 * @param sizeMillis window length, or {@code Long.MAX_VALUE}
 * @param slideMillis window slide, or {@code Long.MAX_VALUE}
 * @param latenessMillis allowed lateness
 * @param baseDir the configuration file's folder, against which relative paths resolve
 */
public record MonitorPlan(MonitorConfig config, List<MetricSlot> metrics, FieldPlanView fields, long paneMillis,
                          long sizeMillis, long slideMillis, long latenessMillis, Path baseDir) {

    /** The monitor's name. */
    public String name() {
        return config.name();
    }

    /** Whether the monitor has event-time windows. */
    public boolean windowed() {
        return sizeMillis != Long.MAX_VALUE;
    }

    /** Returns a new decoder for one reader thread. */
    RecordDecoder newDecoder() {
        return new RecordDecoder(fields.plan(), config.fields().get("time"), config.fields().get("id"),
                config.segmentBy(), config.source().timeFormat());
    }

    /** Returns a new empty record with room for every slot. */
    DecodedRecord newRecord() {
        return new DecodedRecord(fields.plan().slotCount(), config.model() == null ? config.name() : config.model());
    }

    /** A read-only view of the fields plan (the plan itself stays package-private). */
    public record FieldPlanView(FieldPlan plan) {
    }
}
