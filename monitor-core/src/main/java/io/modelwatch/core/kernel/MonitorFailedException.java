package io.modelwatch.core.kernel;

import java.util.List;

/** Thrown when monitors could not run (an unreadable source, a crashed shard); names each. */
public final class MonitorFailedException extends RuntimeException {
    private final List<String> failures;
    private final List<MonitorStats> completed;

    public MonitorFailedException(List<String> failures, List<MonitorStats> completed) {
        super(String.join("\n", failures));
        this.failures = List.copyOf(failures);
        this.completed = List.copyOf(completed);
    }

    /** Returns one message per failed monitor. */
    public List<String> failures() {
        return failures;
    }

    /** Returns the statistics of the monitors that completed. */
    public List<MonitorStats> completed() {
        return completed;
    }
}
