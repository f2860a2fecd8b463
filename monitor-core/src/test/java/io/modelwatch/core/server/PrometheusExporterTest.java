package io.modelwatch.core.server;

import static io.modelwatch.core.kernel.CountersFixture.counters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.CountersFixture;
import io.modelwatch.core.kernel.MonitorCounters;
import io.modelwatch.core.kernel.WindowResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {
    private static final Instant END = Instant.parse("2026-11-01T00:05:00Z");
    private static final Set<String> RESULT_LABELS = Set.of("monitor", "model", "metric", "segment");

    private final List<MonitorCounters> live = new ArrayList<>();
    private final PrometheusExporter exporter = new PrometheusExporter(Clock.fixed(END.plusMillis(2500), ZoneOffset.UTC),
            () -> live);

    private Exposition scrape() {
        return Exposition.parse(exporter.scrape());
    }

    private static WindowResult bleu() {
        return Results.of("nlp.bleu").value("score", 31.5).interval("score", 29.0, 34.25)
                .baseline("score", 35.0, -3.5, -5.5, -1.5, true).value("precision_1", 0.625).build();
    }

    @Test
    void bleuScoreWithIntervalBaselineDeltaAndSignificance() {
        exporter.accept(List.of(bleu()));
        Exposition e = scrape();
        String[] labels = {"monitor", "translate", "model", "mt-v1", "metric", "nlp.bleu", "segment", ""};
        assertThat(e.value("modelwatch_nlp_bleu_score", labels)).isEqualTo(31.5);
        assertThat(e.value("modelwatch_nlp_bleu_score_ci_lower", labels)).isEqualTo(29.0);
        assertThat(e.value("modelwatch_nlp_bleu_score_ci_upper", labels)).isEqualTo(34.25);
        assertThat(e.value("modelwatch_nlp_bleu_score_baseline", labels)).isEqualTo(35.0);
        assertThat(e.value("modelwatch_nlp_bleu_score_delta", labels)).isEqualTo(-3.5);
        assertThat(e.value("modelwatch_nlp_bleu_score_delta_ci_lower", labels)).isEqualTo(-5.5);
        assertThat(e.value("modelwatch_nlp_bleu_score_delta_ci_upper", labels)).isEqualTo(-1.5);
        assertThat(e.value("modelwatch_nlp_bleu_score_significant", labels)).isEqualTo(1.0);
        assertThat(e.value("modelwatch_nlp_bleu_precision_1", labels)).isEqualTo(0.625);
        assertThat(e.types).containsEntry("modelwatch_nlp_bleu_score", "gauge")
                .containsEntry("modelwatch_nlp_bleu_score_significant", "gauge");
        // precision_1 has no interval or baseline in this result, so no such series
        assertThat(e.named("modelwatch_nlp_bleu_precision_1_ci_lower")).isEmpty();
        assertThat(e.named("modelwatch_nlp_bleu_precision_1_significant")).isEmpty();
    }

    @Test
    void driftStatisticsAndTheSignificanceOfTheirPValues() {
        exporter.accept(List.of(Results.of("vision.confidence").value("mean_confidence", 0.8)
                .drift("confidence_psi", 0.31, null).drift("confidence_ks_p_value", 0.0004, true)
                .drift("predicted_class_chi2_p_value", null, null).build()));
        Exposition e = scrape();
        String[] labels = {"monitor", "translate", "model", "mt-v1", "metric", "vision.confidence", "segment", ""};
        assertThat(e.value("modelwatch_vision_confidence_drift_confidence_psi", labels)).isEqualTo(0.31);
        assertThat(e.value("modelwatch_vision_confidence_drift_confidence_ks_p_value", labels)).isEqualTo(0.0004);
        assertThat(e.value("modelwatch_vision_confidence_drift_confidence_ks_p_value_significant", labels)).isEqualTo(1.0);
        assertThat(e.named("modelwatch_vision_confidence_drift_confidence_psi_significant")).isEmpty();
        assertThat(e.named("modelwatch_vision_confidence_drift_predicted_class_chi2_p_value")).isEmpty();
    }

    @Test
    void notSignificantIsZero() {
        exporter.accept(List.of(Results.of("nlp.chrf").value("score", 50.0).baseline("score", 50.5, -0.5, -2, 1, false)
                .build()));
        assertThat(scrape().value("modelwatch_nlp_chrf_score_significant")).isEqualTo(0.0);
    }

    @Test
    void latencyInMillisecondsIsExportedInSeconds() {
        exporter.accept(List.of(Results.of("core.latency").value("p99", 250.0).value("mean", 40.0)
                .interval("p99", 200.0, 300.0).baseline("p99", 125.0, 125.0, 100.0, 150.0, true)
                .table("unit", Table.single("unit", "ms")).build()));
        Exposition e = scrape();
        assertThat(e.value("modelwatch_core_latency_p99_seconds")).isCloseTo(0.25, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_mean_seconds")).isCloseTo(0.04, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_p99_ci_lower_seconds")).isCloseTo(0.2, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_p99_ci_upper_seconds")).isCloseTo(0.3, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_p99_baseline_seconds")).isCloseTo(0.125, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_p99_delta_seconds")).isCloseTo(0.125, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_p99_delta_ci_lower_seconds")).isCloseTo(0.1, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_p99_significant")).isEqualTo(1.0);
        assertThat(e.samples).noneMatch(s -> s.name().equals("modelwatch_core_latency_p99"));
    }

    @Test
    void latencyInOtherUnitsAndWithoutAUnitTable() {
        exporter.accept(List.of(Results.of("core.latency").monitor("a", "m").value("p50", 1500.0)
                .table("unit", Table.single("unit", "us")).build()));
        exporter.accept(List.of(Results.of("core.latency").monitor("b", "m").value("p50", 2.0)
                .table("unit", Table.single("unit", "s")).build()));
        exporter.accept(List.of(Results.of("core.latency").monitor("c", "m").value("p50", 7.0).build()));
        Exposition e = scrape();
        assertThat(e.value("modelwatch_core_latency_p50_seconds", "monitor", "a")).isCloseTo(0.0015, within(1e-12));
        assertThat(e.value("modelwatch_core_latency_p50_seconds", "monitor", "b")).isEqualTo(2.0);
        // The metric's default unit is ms.
        assertThat(e.value("modelwatch_core_latency_p50_seconds", "monitor", "c")).isCloseTo(0.007, within(1e-12));
    }

    @Test
    void rankingOutputsAreSanitized() {
        exporter.accept(List.of(Results.of("recsys.ranking").monitor("recs", "ranker").value("ndcg@10", 0.41)
                .value("hit_rate@10", 0.8).value("users@10", 120.0).build()));
        Exposition e = scrape();
        assertThat(e.value("modelwatch_recsys_ranking_ndcg_at_10", "monitor", "recs", "model", "ranker"))
                .isEqualTo(0.41);
        assertThat(e.value("modelwatch_recsys_ranking_hit_rate_at_10")).isEqualTo(0.8);
        assertThat(e.value("modelwatch_recsys_ranking_users_at_10")).isEqualTo(120.0);
    }

    @Test
    void segmentsAndMetricNamesAreLabels() {
        Map<String, String> de = new LinkedHashMap<>();
        de.put("lang", "de");
        de.put("device", "mobile");
        exporter.accept(List.of(Results.of("nlp.bleu").metric("bleu_de").segment(de).value("score", 20.0).build()));
        exporter.accept(List.of(Results.of("nlp.bleu").metric("bleu_de").segment(Map.of("lang", "fr"))
                .value("score", 25.0).build()));
        Exposition e = scrape();
        assertThat(e.value("modelwatch_nlp_bleu_score", "segment", "lang=de,device=mobile", "metric", "bleu_de"))
                .isEqualTo(20.0);
        assertThat(e.value("modelwatch_nlp_bleu_score", "segment", "lang=fr")).isEqualTo(25.0);
    }

    @Test
    void undefinedValuesHaveNoSeriesAndALaterWindowReplacesTheEarlier() {
        exporter.accept(List.of(Results.of("nlp.bleu").value("score", 30.0).interval("score", 28, 32)
                .value("bp", 1.0).build()));
        exporter.accept(List.of(Results.of("nlp.bleu").window("2026-11-01T00:05:00Z", "2026-11-01T00:10:00Z")
                .value("score", null).interval("score", Double.NaN, Double.NaN).value("bp", Double.NaN).build()));
        Exposition e = scrape();
        assertThat(e.samples).noneMatch(s -> s.name().startsWith("modelwatch_nlp_bleu"));
        assertThat(exporter.lastWindowEnd("translate")).contains(Instant.parse("2026-11-01T00:10:00Z"));

        exporter.accept(List.of(Results.of("nlp.bleu").window("2026-11-01T00:10:00Z", "2026-11-01T00:15:00Z")
                .value("score", 33.0).build()));
        assertThat(scrape().value("modelwatch_nlp_bleu_score")).isEqualTo(33.0);
    }

    @Test
    void anOlderWindowArrivingLateDoesNotReplaceTheLatest() {
        exporter.accept(List.of(Results.of("nlp.bleu").window("2026-11-01T00:05:00Z", "2026-11-01T00:10:00Z")
                .value("score", 33.0).build()));
        exporter.accept(List.of(Results.of("nlp.bleu").value("score", 30.0).build()));
        assertThat(scrape().value("modelwatch_nlp_bleu_score")).isEqualTo(33.0);
    }

    @Test
    void wholeInputResultsAreNotExported() {
        exporter.accept(List.of(Results.of("nlp.bleu").total().value("score", 30.0).rejected(3).build()));
        Exposition e = scrape();
        assertThat(e.samples).noneMatch(s -> s.name().startsWith("modelwatch_nlp_"));
        assertThat(e.named("modelwatch_rejected_total")).isEmpty();
        assertThat(exporter.lastWindowEnd("translate")).isEmpty();
    }

    @Test
    void rejectedCountsTumblingWindowsAndOnlyAlignedHoppingWindows() {
        // Tumbling 5m windows: every window counts.
        exporter.accept(List.of(Results.of("core.latency").monitor("api", "svc").rejected(2)
                .window("2026-11-01T00:00:00Z", "2026-11-01T00:05:00Z").build()));
        exporter.accept(List.of(Results.of("core.latency").monitor("api", "svc").rejected(3)
                .window("2026-11-01T00:05:00Z", "2026-11-01T00:10:00Z").build()));
        // Hopping 10m windows sliding by 5m: 00:00-00:10 and 00:10-00:20 tile the time; 00:05-00:15 overlaps both.
        exporter.accept(List.of(Results.of("nlp.bleu").monitor("hop", "mt").rejected(4)
                .window("2026-11-01T00:00:00Z", "2026-11-01T00:10:00Z").build()));
        exporter.accept(List.of(Results.of("nlp.bleu").monitor("hop", "mt").rejected(7)
                .window("2026-11-01T00:05:00Z", "2026-11-01T00:15:00Z").build()));
        exporter.accept(List.of(Results.of("nlp.bleu").monitor("hop", "mt").rejected(1)
                .window("2026-11-01T00:10:00Z", "2026-11-01T00:20:00Z").build()));
        Exposition e = scrape();
        assertThat(e.types).containsEntry("modelwatch_rejected_total", "counter");
        assertThat(e.value("modelwatch_rejected_total", "monitor", "api", "model", "svc", "metric", "core.latency"))
                .isEqualTo(5.0);
        assertThat(e.value("modelwatch_rejected_total", "monitor", "hop", "metric", "nlp.bleu")).isEqualTo(5.0);
    }

    @Test
    void rejectedSeriesExistsFromTheFirstWindowEvenWhenNotAligned() {
        exporter.accept(List.of(Results.of("nlp.bleu").rejected(9)
                .window("2026-11-01T00:05:00Z", "2026-11-01T00:15:00Z").build()));
        assertThat(scrape().value("modelwatch_rejected_total")).isEqualTo(0.0);
    }

    @Test
    void countersAreReadFromTheLiveMonitorCounters() {
        MonitorCounters api = counters("api", "svc", 1000, 7, 2, 12, END.toEpochMilli());
        live.add(api);
        live.add(counters("recs", "ranker", 5, 0, 0, 0, Long.MIN_VALUE));
        Exposition e = scrape();
        assertThat(e.types).containsEntry("modelwatch_records_total", "counter").containsEntry("modelwatch_late_total", "counter")
                .containsEntry("modelwatch_deadlettered_total", "counter").containsEntry("modelwatch_windows_total", "counter");
        assertThat(e.value("modelwatch_records_total", "monitor", "api", "model", "svc")).isEqualTo(1000.0);
        assertThat(e.value("modelwatch_deadlettered_total", "monitor", "api")).isEqualTo(7.0);
        assertThat(e.value("modelwatch_late_total", "monitor", "api")).isEqualTo(2.0);
        assertThat(e.value("modelwatch_windows_total", "monitor", "api")).isEqualTo(12.0);
        assertThat(e.value("modelwatch_records_total", "monitor", "recs", "model", "ranker")).isEqualTo(5.0);
        assertThat(e.value("modelwatch_event_time_max_seconds", "monitor", "api")).isEqualTo(END.getEpochSecond());
        assertThat(e.named("modelwatch_event_time_max_seconds")).hasSize(1); // recs has seen no record yet

        CountersFixture.set(api, 1500, 9, 3, 13, END.toEpochMilli());
        assertThat(scrape().value("modelwatch_records_total", "monitor", "api")).isEqualTo(1500.0);
    }

    @Test
    void evaluationDelayIsWallClockMinusWindowEnd() {
        // The clock stands 2.5 s after the window's end; one observation per window, not per metric.
        exporter.accept(List.of(bleu(), Results.of("nlp.chrf").value("score", 50.0).build()));
        Exposition e = scrape();
        String name = "modelwatch_window_evaluation_delay_seconds";
        assertThat(e.types).containsEntry(name, "histogram");
        assertThat(e.value(name + "_count", "monitor", "translate")).isEqualTo(1.0);
        assertThat(e.value(name + "_sum", "monitor", "translate")).isEqualTo(2.5);
        assertThat(e.value(name + "_bucket", "monitor", "translate", "le", "1.0")).isEqualTo(0.0);
        assertThat(e.value(name + "_bucket", "monitor", "translate", "le", "5.0")).isEqualTo(1.0);
        assertThat(e.value(name + "_bucket", "monitor", "translate", "le", "+Inf")).isEqualTo(1.0);
    }

    @Test
    void jvmMetricsAreIncluded() {
        Exposition e = scrape();
        assertThat(e.types.keySet()).anyMatch(n -> n.startsWith("jvm_memory"))
                .anyMatch(n -> n.startsWith("jvm_threads"));
    }

    @Test
    void theTextIsWellFormedAndLabelsStayInTheAllowedSet() {
        live.add(counters("translate", "mt-v1", 10, 1, 0, 1, END.toEpochMilli()));
        exporter.accept(List.of(bleu()));
        exporter.accept(List.of(Results.of("core.latency").value("p99", 250.0).interval("p99", 200, 300).build()));
        exporter.accept(List.of(Results.of("recsys.ranking").segment(Map.of("country", "de")).value("ndcg@10", 0.4)
                .build()));
        String text = exporter.scrape();
        Exposition e = Exposition.parse(text); // fails on any line that is not HELP, TYPE or a sample
        assertThat(e.samples).hasSizeGreaterThan(30);
        Pattern timeLike = Pattern.compile(".*\\d{4}-\\d{2}-\\d{2}T.*|\\d{10,}");
        for (Exposition.Sample s : e.samples) {
            if (s.name().startsWith("modelwatch_")) {
                assertThat(RESULT_LABELS).as(s.toString())
                        .containsAll(s.labels().keySet().stream().filter(l -> !l.equals("le")).toList());
                assertThat(s.labels().values()).as(s.toString()).noneMatch(v -> timeLike.matcher(v).matches());
            }
        }
        for (String family : e.types.keySet()) {
            assertThat(e.help).as("HELP of " + family).containsKey(family);
        }
        // The same results scrape to the same text for these families: sorted, nothing depends on arrival order.
        assertThat(modelwatchLines(exporter.scrape())).isEqualTo(modelwatchLines(text));
    }

    private static List<String> modelwatchLines(String text) {
        return text.lines().filter(l -> l.startsWith("modelwatch_") && !l.contains("_seconds_")).toList();
    }

    @Test
    void anOutputNamedLikeACounterSuffixGetsValueAppended() {
        exporter.accept(List.of(Results.of("core.count").value("total", 12.0).value("count", 12.0).build()));
        Exposition e = scrape();
        assertThat(e.value("modelwatch_core_count_total_value")).isEqualTo(12.0);
        assertThat(e.value("modelwatch_core_count_count")).isEqualTo(12.0);
        assertThat(e.types).containsEntry("modelwatch_core_count_total_value", "gauge");
    }

    @Test
    void contentTypeIsTextFormatZeroZeroFour() {
        assertThat(PrometheusExporter.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void nullCountersSupplierIsRefused() {
        assertThatThrownBy(() -> new PrometheusExporter(Clock.systemUTC(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("counters is null");
    }
}
