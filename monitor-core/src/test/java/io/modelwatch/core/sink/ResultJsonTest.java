package io.modelwatch.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A result read back from its JSON line writes the same line again. */
class ResultJsonTest {
    @Test
    void everyPartOfAResultComesBack() {
        Map<String, String> segment = new LinkedHashMap<>();
        segment.put("city", "Zürich \"Nord\"");
        segment.put("device", "ios");
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("ece", 0.2462);
        values.put("count", 15.0);
        values.put("undefined", null);
        Map<String, double[]> intervals = new LinkedHashMap<>();
        intervals.put("ece", new double[] {0.2224, 0.2699});
        intervals.put("nan", new double[] {Double.NaN, 1.5});
        Table reliability = new Table(List.of("lower", "upper", "count", "label", "ok"),
                List.of(List.<Object>of(0.0, 0.5, 10L, "a", true), java.util.Arrays.<Object>asList(0.5, 1.0, 20L, null, false)));
        WindowResult r = new WindowResult("vision", "resnet-50", "calibration", "vision.calibration", segment,
                Instant.parse("2026-11-04T00:00:00Z"), Instant.parse("2026-11-05T00:00:00Z"), "window", 1956, 3, values,
                intervals, Map.of("ece", 0.0225), Map.of("ece", 0.2237), Map.of("ece", new double[] {0.2, 0.25}),
                Map.of("ece", true, "drift.confidence_ks_p_value", false), Map.of("reliability", reliability), null,
                Map.of("confidence_psi", 0.31, "confidence_ks_p_value", 1e-9));

        String json = JsonlSink.toJson(r);
        WindowResult back = ResultJson.parse(json);

        assertThat(JsonlSink.toJson(back)).isEqualTo(json);
        assertThat(back.segment()).containsExactly(Map.entry("city", "Zürich \"Nord\""), Map.entry("device", "ios"));
        assertThat(back.values()).containsEntry("undefined", null).containsEntry("count", 15.0);
        assertThat(back.intervals().get("nan")[0]).isNaN();
        assertThat(back.tables().get("reliability").rows().get(1)).containsExactly(0.5, 1.0, 20.0, null, false);
        assertThat(back.drift()).containsEntry("confidence_ks_p_value", 1e-9);

        WindowResult failed = new WindowResult("m", "m", "x", "x.y", Map.of(), Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                "total", 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), "boom");
        assertThat(ResultJson.parse(JsonlSink.toJson(failed)).error()).isEqualTo("boom");
    }

    @Test
    void textThatIsNotAResultIsRefused() {
        assertThatThrownBy(() -> ResultJson.parse("{\"monitor\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a result: ");
        assertThatThrownBy(() -> ResultJson.parse("[1]")).hasMessage("not a result: expected an object with a window");
        assertThatThrownBy(() -> ResultJson.parse("{\"window\":{\"start\":\"yesterday\",\"end\":\"x\"}}"))
                .hasMessage("not a result: the window's start or end is not an instant");
    }
}
