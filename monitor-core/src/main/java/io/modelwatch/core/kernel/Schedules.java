package io.modelwatch.core.kernel;

import io.modelwatch.core.config.TimeValues;
import java.time.Duration;

/** Parses periodic schedules: {@code every <duration>}. */
public final class Schedules {
    private Schedules() {
    }

    /**
     * Returns the period of a schedule such as {@code every 5m}.
     *
     * @throws IllegalArgumentException with the accepted form
     */
    public static Duration parse(String schedule) {
        String s = schedule.trim();
        if (!s.startsWith("every ")) {
            throw new IllegalArgumentException("'" + schedule + "' is not a schedule; write every <duration>, such as every 5m");
        }
        Duration d = TimeValues.parseDuration(s.substring("every ".length()));
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("a schedule's period must be positive");
        }
        return d;
    }
}
