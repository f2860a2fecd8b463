package io.modelwatch.core.config;

/** How a monitor runs. */
public enum Mode {
    /** Event-time windows close when the watermark passes them; runs until stopped (or input ends without {@code follow}). */
    REALTIME,
    /** Evaluates the last {@code window.size} of data on a schedule. */
    PERIODIC,
    /** Reads the whole input once and evaluates it as a report. */
    STATIC
}
