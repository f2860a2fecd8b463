package io.modelwatch.core.kernel;

import static io.modelwatch.core.kernel.KernelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.core.sink.JsonlSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metric's {@code drift} statistics reach each result with a baseline: computed on the whole
 * window's and the whole baseline's merged states, and their p-values under the window's
 * false-discovery control.
 */
class DriftTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void driftStatisticsAgainstTheBaselineWithTheirSignificance() throws Exception {
        KernelHarness h = new KernelHarness(dir, new DriftPlugin());
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        List<Double> same = new ArrayList<>();
        List<Double> shifted = new ArrayList<>();
        // Hour 0 is the baseline, hour 1 the same distribution, hour 2 shifted by one standard deviation.
        for (int hour = 0; hour < 3; hour++) {
            for (int i = 0; i < 400; i++) {
                double x = random.nextGaussian() + (hour == 2 ? 1 : 0);
                (hour == 0 ? base : hour == 1 ? same : shifted).add(x);
                lines.add(String.format(Locale.ROOT, "{\"ts\":%d,\"x\":%.17g}", T0 + hour * HOUR + i * 9_000L, x));
            }
        }
        h.write("in.jsonl", lines);
        KernelHarness.Run run = h.run("""
                monitors:
                  - name: d
                    source: { type: jsonl, path: in.jsonl }
                    fields: { time: /ts, x: /x }
                    window: { size: 1h }
                    baseline: { from: "2026-11-01T00:00:00Z", to: "2026-11-01T01:00:00Z" }
                    metrics:
                      - type: test.values
                """);
        List<WindowResult> windows = run.of("test.values", "window");
        assertThat(windows).hasSize(3);
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double[] b = base.stream().mapToDouble(Double::doubleValue).toArray();
        WindowResult sameHour = windows.get(1);
        WindowResult shiftedHour = windows.get(2);
        assertThat(sameHour.drift().get("ks")).isCloseTo(
                ks.kolmogorovSmirnovStatistic(same.stream().mapToDouble(Double::doubleValue).toArray(), b), within(1e-12));
        assertThat(shiftedHour.drift().get("ks_p_value")).isCloseTo(
                ks.kolmogorovSmirnovTest(shifted.stream().mapToDouble(Double::doubleValue).toArray(), b), within(1e-12));
        assertThat(shiftedHour.drift().get("ks_p_value")).isLessThan(1e-6);
        assertThat(shiftedHour.significant()).containsEntry("drift.ks_p_value", true);
        assertThat(sameHour.significant()).containsEntry("drift.ks_p_value", false);
        io.modelwatch.core.alert.AlertCondition rule =
                io.modelwatch.core.alert.AlertCondition.parse("drift.ks_p_value < 0.001 and significant.drift.ks_p_value");
        assertThat(rule.holds(shiftedHour)).isTrue();
        assertThat(rule.holds(sameHour)).isFalse();
        // The baseline hour against itself: KS statistic 0.
        assertThat(windows.get(0).drift().get("ks")).isEqualTo(0.0);
        assertThat(JsonlSink.toJson(shiftedHour)).contains("\"drift\":{\"ks\":").contains("\"drift.ks_p_value\":true");
        // Without a baseline there is no drift.
        KernelHarness.Run none = h.run("""
                monitors:
                  - name: d
                    source: { type: jsonl, path: in.jsonl }
                    fields: { time: /ts, x: /x }
                    metrics:
                      - type: test.values
                """);
        assertThat(none.of("test.values").get(0).drift()).isEmpty();
        assertThat(JsonlSink.toJson(none.of("test.values").get(0))).doesNotContain("drift");
    }
}
