package io.modelwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeValuesTest {
    private static final String DURATION_HINT = " is not a duration; write a whole number and a unit (ms, s, m, h, d),"
            + " such as 90s, 15m, 1h or 1d";
    private static final String INSTANT_HINT = " is not a timestamp; write ISO-8601 with a zone, such as"
            + " 2026-11-01T00:00:00Z, or epoch milliseconds or seconds";

    @Test
    void parsesTheDurationFormsUsersWrite() {
        assertThat(TimeValues.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(TimeValues.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TimeValues.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(TimeValues.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(TimeValues.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(TimeValues.parseDuration(" 2H ")).isEqualTo(Duration.ofHours(2));
        assertThat(TimeValues.parseDuration("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15 minutes", "1.5h", "h", "", "-5m", "10", "1w", "P1Y"})
    void rejectsOtherDurationsShowingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> TimeValues.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "'" + DURATION_HINT);
    }

    @Test
    void parsesIsoTimestampsWithAZoneAndEpochNumbers() {
        Instant nov1 = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(TimeValues.parseInstant("2026-11-01T00:00:00Z")).isEqualTo(nov1);
        assertThat(TimeValues.parseInstant("2026-11-01T01:00:00+01:00")).isEqualTo(nov1);
        assertThat(TimeValues.parseInstant("2026-11-01T00:00:00.250Z")).isEqualTo(nov1.plusMillis(250));
        // 2026-11-01 is 20758 days after 1970-01-01: 20758 * 86400 = 1793491200 s.
        assertThat(TimeValues.parseInstant("1793491200")).isEqualTo(nov1);
        assertThat(TimeValues.parseInstant("1793491200000")).isEqualTo(nov1);
        assertThat(TimeValues.parseInstant("1793491200.5")).isEqualTo(nov1.plusMillis(500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-01", "2026-11-01T00:00:00", "01/11/2026", "2026-13-01T00:00:00Z"})
    void rejectsTimestampsWithoutAZoneOrInOtherFormats(String text) {
        assertThatThrownBy(() -> TimeValues.parseInstant(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "'" + INSTANT_HINT);
    }

    @Test
    void epochNumbersFromOneE11AreMillisecondsAndBelowAreSeconds() {
        assertThat(TimeValues.fromEpoch(99_999_999_999.0)).isEqualTo(Instant.ofEpochSecond(99_999_999_999L));
        assertThat(TimeValues.fromEpoch(100_000_000_000.0)).isEqualTo(Instant.ofEpochMilli(100_000_000_000L));
    }

    @Test
    void formatsDurationsTheWayUsersWriteThem() {
        assertThat(TimeValues.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(TimeValues.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(TimeValues.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(TimeValues.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(TimeValues.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(TimeValues.format(Duration.ZERO)).isEqualTo("0s");
    }
}
