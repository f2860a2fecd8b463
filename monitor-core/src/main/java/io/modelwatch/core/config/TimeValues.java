package io.modelwatch.core.config;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the durations and timestamps users write in configuration files and logs. */
public final class TimeValues {
    /** Epoch numbers at or above this are milliseconds; below, seconds (1e11 s is the year 5138). */
    private static final double MILLIS_THRESHOLD = 1e11;

    private TimeValues() {
    }

    /**
     * Parses a duration: a whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or
     * {@code d} ({@code 90s}, {@code 15m}, {@code 1h}, {@code 1d}), or ISO-8601 ({@code PT1H}).
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            int i = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i == 0) {
                throw new IllegalArgumentException();
            }
            long n = Long.parseLong(t.substring(0, i));
            switch (t.substring(i).trim()) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                case "d": return Duration.ofDays(n);
                default: throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a whole number and a unit"
                    + " (ms, s, m, h, d), such as 90s, 15m, 1h or 1d");
        }
    }

    /**
     * Parses a configuration timestamp: ISO-8601 with an offset ({@code 2026-11-01T00:00:00Z}), or
     * an epoch number (milliseconds when at least 1e11, else seconds).
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static Instant parseInstant(String text) {
        String t = text.trim();
        try {
            if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') && t.chars().allMatch(
                    c -> Character.isDigit(c) || c == '.' || c == '-') && t.indexOf('-', 1) < 0) {
                return fromEpoch(Double.parseDouble(t));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("'" + text + "' is not a timestamp; write ISO-8601 with a zone,"
                        + " such as 2026-11-01T00:00:00Z, or epoch milliseconds or seconds");
            }
        }
    }

    /** Converts an epoch number to an instant: milliseconds when at least 1e11, else seconds. */
    public static Instant fromEpoch(double value) {
        if (Math.abs(value) >= MILLIS_THRESHOLD) {
            return Instant.ofEpochMilli((long) value);
        }
        return Instant.ofEpochMilli(Math.round(value * 1000.0));
    }

    /** Formats a duration the way users write it ({@code 1d}, {@code 15m}, {@code 90s}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms != 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms != 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms != 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
