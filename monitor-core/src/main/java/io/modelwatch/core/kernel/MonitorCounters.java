package io.modelwatch.core.kernel;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one monitor, rising while it runs (for {@code /metrics} and {@code /api/monitors}).
 * Written by the monitor's reader thread, read from any thread. After a restart from a checkpoint
 * they continue from the checkpointed values.
 */
public final class MonitorCounters {
    private final String monitor;
    private final String model;
    final AtomicLong records = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong windows = new AtomicLong();
    private volatile long watermarkMillis = Long.MIN_VALUE;

    public MonitorCounters(String monitor, String model) {
        this.monitor = requireNonNull(monitor, "monitor is null");
        this.model = requireNonNull(model, "model is null");
    }

    public String monitor() {
        return monitor;
    }

    public String model() {
        return model;
    }

    /** Records decoded and routed to the metrics. */
    public long records() {
        return records.get();
    }

    /** Lines written to the dead-letter file, for any reason (late ones included). */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Records that arrived after their windows were evaluated (also dead-lettered). */
    public long late() {
        return late.get();
    }

    /** Windows evaluated (one per segment and window). */
    public long windows() {
        return windows.get();
    }

    /** The latest event time seen, in epoch milliseconds; {@code Long.MIN_VALUE} before the first record. */
    public long maxEventTimeMillis() {
        return watermarkMillis;
    }

    void maxEventTime(long millis) {
        watermarkMillis = millis;
    }
}
