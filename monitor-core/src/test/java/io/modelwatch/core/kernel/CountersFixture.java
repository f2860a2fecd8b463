package io.modelwatch.core.kernel;

/** Sets {@link MonitorCounters} by hand, for tests outside the kernel (their setters are the kernel's own). */
public final class CountersFixture {
    private CountersFixture() {
    }

    /** Returns counters holding the given values; {@code maxEventTimeMillis} {@code Long.MIN_VALUE} means none yet. */
    public static MonitorCounters counters(String monitor, String model, long records, long deadLettered, long late,
                                           long windows, long maxEventTimeMillis) {
        MonitorCounters c = new MonitorCounters(monitor, model);
        set(c, records, deadLettered, late, windows, maxEventTimeMillis);
        return c;
    }

    /** Sets the values of existing counters, as a running monitor would raise them. */
    public static void set(MonitorCounters c, long records, long deadLettered, long late, long windows,
                           long maxEventTimeMillis) {
        c.records.set(records);
        c.deadLettered.set(deadLettered);
        c.late.set(late);
        c.windows.set(windows);
        c.maxEventTime(maxEventTimeMillis);
    }
}
