package io.modelwatch.core.kernel;

import io.modelwatch.api.MetricValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hot path of one monitor without threads, windows or groups: decode lines and add them, a
 * batch at a time as the shards do, to one state per metric. For benchmarks and embedding; not
 * thread-safe.
 */
public final class LinePipeline {
    private final MonitorPlan plan;
    private final RecordDecoder decoder;
    private final DecodedRecord[] records;
    private final Object[][][] routes;
    private final Object[][] states;
    private int pending;
    private long bad;

    private LinePipeline(MonitorPlan plan) {
        this.plan = plan;
        this.decoder = plan.newDecoder();
        this.records = new DecodedRecord[MonitorRunner.BATCH];
        for (int i = 0; i < records.length; i++) {
            records[i] = plan.newRecord();
        }
        this.states = SegmentState.newStates(plan, 1);
        this.routes = new Object[records.length][][];
        Arrays.fill(routes, states);
    }

    /** Returns a pipeline for a monitor. */
    public static LinePipeline of(MonitorPlan plan) {
        return new LinePipeline(plan);
    }

    /** Decodes a line and queues it for the metrics; returns false (and counts it) when the line is bad. */
    public boolean accept(String line) {
        DecodedRecord r = records[pending];
        if (decoder.decode(line, r) != null) {
            bad++;
            return false;
        }
        r.group = 0;
        if (++pending == records.length) {
            flush();
        }
        return true;
    }

    private void flush() {
        for (MetricSlot slot : plan.metrics()) {
            slot.addAll(records, routes, pending);
        }
        pending = 0;
    }

    /** Returns the number of bad lines seen. */
    public long bad() {
        return bad;
    }

    /** Returns each metric's current result, in the monitor's order. */
    public List<MetricValue> results() {
        flush();
        List<MetricValue> out = new ArrayList<>();
        for (MetricSlot slot : plan.metrics()) {
            out.add(slot.result(states[slot.index()][0]));
        }
        return out;
    }
}
