package io.modelwatch.core.generate;

import java.util.Arrays;

/**
 * Request arrival times for one day of traffic with a diurnal pattern.
 *
 * <p>Traffic intensity over the day is {@code 1 + 0.6 cos(2π (h − 15) / 24)} with {@code h} the hours
 * since the start of the day span: a trough around 03:00 and a peak around 15:00 (UTC when the run starts
 * at midnight UTC), about four times as busy. Stateless.
 */
final class RequestTimes {
    static final long DAY_MILLIS = 86_400_000L;
    private static final double AMPLITUDE = 0.6;
    private static final double PEAK_HOUR = 15.0;

    private RequestTimes() {
    }

    /** {@code count} sorted epoch milliseconds in {@code [dayStart, dayStart + 1 day)}. */
    static long[] day(DemoRandom random, long dayStartMillis, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            long offset;
            do {
                offset = (long) (random.nextDouble() * DAY_MILLIS);
            } while (random.nextDouble() * (1 + AMPLITUDE) >= intensity(offset));
            times[i] = dayStartMillis + offset;
        }
        Arrays.sort(times);
        return times;
    }

    /** Relative load at an offset into the day, in [0.25, 1]: 1 at the daily peak. */
    static double load(long offsetMillis) {
        return intensity(offsetMillis) / (1 + AMPLITUDE);
    }

    private static double intensity(long offsetMillis) {
        double hours = offsetMillis / 3_600_000.0;
        return 1 + AMPLITUDE * StrictMath.cos(2 * Math.PI * (hours - PEAK_HOUR) / 24);
    }
}
