package io.modelwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.core.cli.fixtures.ExplodingPlugin;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.PluginManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantic validation (the checks after binding, against the installed metrics): metric types,
 * parameters, inputs and fields, JSON Pointers, windows, schedules, baselines, intervals, sinks and
 * monitor names. Each test asserts the exact line {@code modelwatch validate} prints.
 */
class ConfigValidationTest {
    private static final Path FILE = Path.of("monitors.yaml");
    private static final String CORE_TYPES = "core.count, core.error_rate, core.latency, core.throughput,"
            + " faulty.explode";

    private final PluginManager plugins = new PluginManager();

    ConfigValidationTest() {
        plugins.install(new CorePlugin());
        plugins.install(new ExplodingPlugin()); // faulty.explode: one required NUMBER input, 'latency'
    }

    @AfterEach
    void close() {
        plugins.close();
    }

    private record Result(List<MonitorPlan> plans, List<String> errors) {
    }

    private Result validate(String yaml) {
        ConfigLoader.Loaded loaded = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, FILE);
        List<MonitorPlan> plans = new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(),
                Path.of("/srv/mw"));
        return new Result(plans, loaded.errors().errors().stream().map(ConfigError::toString).toList());
    }

    private List<String> errors(String yaml) {
        return validate(yaml).errors();
    }

    /** A monitor with everything right but its metrics, which each test supplies from line 6 on. */
    private static String monitor(String metrics) {
        return """
                monitors:
                  - name: checkout-latency
                    source: { type: jsonl, path: data/predictions.jsonl }
                    fields: { time: /ts, latency: /latency_ms, failed: /error }
                    metrics:
                """ + metrics;
    }

    @Test
    void aValidMonitorBuildsItsPlan() {
        Result r = validate("""
                monitors:
                  - name: checkout-latency
                    model: ranker-v3
                    mode: realtime
                    source: { type: jsonl, path: data/predictions.jsonl }
                    fields: { time: /ts, latency: /latency_ms, failed: /error }
                    window: { size: 1h, slide: 15m, allowed-lateness: 5m }
                    metrics:
                      - { type: core.latency, params: { unit: ms, k: 400 } }
                      - { type: core.error_rate, name: errors }
                      - { type: core.count }
                """);

        assertThat(r.errors()).isEmpty();
        MonitorPlan plan = r.plans().get(0);
        assertThat(plan.name()).isEqualTo("checkout-latency");
        assertThat(plan.metrics()).extracting(s -> s.name() + "=" + s.type() + "@" + s.plugin())
                .containsExactly("core.latency=core.latency@core", "errors=core.error_rate@core", "core.count=core.count@core");
        assertThat(plan.paneMillis()).isEqualTo(15 * 60_000L);
        assertThat(plan.sizeMillis()).isEqualTo(60 * 60_000L);
        assertThat(plan.slideMillis()).isEqualTo(15 * 60_000L);
        assertThat(plan.latenessMillis()).isEqualTo(5 * 60_000L);
        assertThat(plan.windowed()).isTrue();
    }

    @Test
    void aStoreUrlOfAnUnsupportedDatabaseIsAConfigurationError() {
        assertThat(errors("store: { url: \"jdbc:mysql://db:3306/m\" }\n" + monitor("      - type: core.count\n")))
                .containsExactly("monitors.yaml:1: store.url: 'jdbc:mysql://db:3306/m' is not a supported database: write"
                        + " jdbc:sqlite:FILE for a SQLite file, or jdbc:postgresql://HOST:PORT/DATABASE for PostgreSQL (or"
                        + " remove store.url to use <data-dir>/modelwatch.db)");
        assertThat(errors("store: { enabled: false, url: \"jdbc:mysql://db/m\" }\n" + monitor("      - type: core.count\n")))
                .isEmpty();
    }

    @Test
    void staticMonitorWithoutWindowIsOneWholeInputResult() {
        Result r = validate(monitor("      - type: core.count\n"));

        assertThat(r.errors()).isEmpty();
        assertThat(r.plans()).singleElement().satisfies(p -> assertThat(p.windowed()).isFalse());
    }

    @Test
    void unknownMetricTypeListsTheAvailableTypesWithADidYouMean() {
        assertThat(errors(monitor("""
                      - type: core.latncy
                      - type: nlp.bleu
                """))).containsExactly(
                "monitors.yaml:6: monitors[0].metrics[0].type: unknown metric type 'core.latncy'. Did you mean"
                        + " 'core.latency'? Available: " + CORE_TYPES,
                "monitors.yaml:7: monitors[0].metrics[1].type: unknown metric type 'nlp.bleu'. Available: " + CORE_TYPES);
    }

    @Test
    void unknownParamHasADidYouMeanAndTheValidParams() {
        assertThat(errors(monitor("""
                      - type: core.latency
                        params: { unti: ms }
                      - type: core.count
                        params: { window: 3 }
                """))).containsExactly(
                "monitors.yaml:7: monitors[0].metrics[0].params.unti: unknown parameter 'unti' for core.latency."
                        + " Did you mean 'unit'? Valid parameters: field, unit, k (see `modelwatch metrics`).",
                "monitors.yaml:9: monitors[0].metrics[1].params.window: unknown parameter 'window' for core.count."
                        + " It takes no parameters.");
    }

    @Test
    void wrongParamTypeSaysWhatIsExpected() {
        assertThat(errors(monitor("""
                      - type: core.latency
                        params:
                          k: many
                          unit: [ms]
                """))).containsExactly(
                "monitors.yaml:8: monitors[0].metrics[0].params.k: 'many' is not a whole number (KLL sketch size:"
                        + " larger is more accurate (8 to 65535))",
                "monitors.yaml:9: monitors[0].metrics[0].params.unit: '[ms]' is not text (the unit of the field;"
                        + " outputs use it too)");
    }

    @Test
    void badChoiceListsTheChoicesWithADidYouMean() {
        assertThat(errors(monitor("""
                      - type: core.latency
                        params: { unit: sec }
                      - type: core.latency
                        name: latency-parsecs
                        params: { unit: parsecs }
                """))).containsExactly(
                "monitors.yaml:7: monitors[0].metrics[0].params.unit: 'sec' is not one of ns, us, ms, s."
                        + " Did you mean 's'?",
                "monitors.yaml:10: monitors[0].metrics[1].params.unit: 'parsecs' is not one of ns, us, ms, s.");
    }

    @Test
    void metricReadingAFieldTheMonitorDoesNotMapSaysWhatToAdd() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics:
                      - type: core.error_rate
                      - type: core.latency
                        params: { field: duration }
                """)).containsExactly(
                "monitors.yaml:6: monitors[0].metrics[0]: the monitor has no field 'failed'; add `failed:"
                        + " /json/pointer` under its fields: (it has: time)",
                "monitors.yaml:7: monitors[0].metrics[1]: the monitor has no field 'duration'; add `duration:"
                        + " /json/pointer` under its fields: (it has: time)");
    }

    @Test
    void missingRequiredInputSaysHowToMapIt() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts, duration: /duration_ms }
                    metrics:
                      - type: faulty.explode
                      - type: faulty.explode
                        name: renamed
                        inputs: { latency: duration }
                """)).containsExactly("monitors.yaml:6: monitors[0].metrics[0]: input 'latency' (a latency) needs a"
                + " field: add `latency: /json/pointer` under the monitor's fields:, or map it to another field with"
                + " inputs: {latency: <field>}");
    }

    @Test
    void inputMappedToAFieldTheMonitorLacks() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics:
                      - { type: faulty.explode, inputs: { latency: duration } }
                      - { type: faulty.explode, name: other, inputs: { latncy: duration } }
                """)).containsExactly(
                "monitors.yaml:6: monitors[0].metrics[0]: input 'latency' (a latency) needs a field: add `duration:"
                        + " /json/pointer` under the monitor's fields:, or map it to another field with inputs:"
                        + " {latency: <field>}",
                "monitors.yaml:7: monitors[0].metrics[1].inputs.latncy: unknown input 'latncy' for faulty.explode."
                        + " Did you mean 'latency'? Inputs: latency",
                "monitors.yaml:7: monitors[0].metrics[1]: input 'latency' (a latency) needs a field: add `latency:"
                        + " /json/pointer` under the monitor's fields:, or map it to another field with inputs:"
                        + " {latency: <field>}");
    }

    @Test
    void inputMappedToNothingIsAnError() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    metrics:
                      - { type: faulty.explode, inputs: { latency: } }
                      - { type: core.latency, inputs: { latency: } }
                """)).containsExactly(
                "monitors.yaml:6: monitors[0].metrics[0].inputs.latency: no field given; write the name of a field"
                        + " under the monitor's fields:",
                "monitors.yaml:7: monitors[0].metrics[1].inputs.latency: unknown input 'latency' for core.latency."
                        + " It reads no inputs.");
    }

    @Test
    void timeFieldIsRequired() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { latency: /latency_ms }
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:4: monitors[0].fields: fields: needs a 'time' entry with the JSON"
                + " Pointer of the event time, such as time: /ts");
    }

    @Test
    void badJsonPointersAreErrorsAtTheirKey() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields:
                      time: ts
                      latency: /latency_ms
                    segment-by: [ country ]
                    metrics: [ { type: core.count } ]
                """)).containsExactly(
                "monitors.yaml:5: monitors[0].fields.time: 'ts' is not a JSON Pointer; write it like /output/text"
                        + " (a slash before each key, array items by index: /gold/0)",
                "monitors.yaml:7: monitors[0].segment-by[0]: 'country' is not a JSON Pointer; write it like"
                        + " /output/text (a slash before each key, array items by index: /gold/0)");
    }

    @Test
    void unknownInputNamesTheMetricsInputs() {
        assertThat(errors(monitor("""
                      - type: core.count
                        inputs: { latency: latency }
                """))).containsExactly("monitors.yaml:7: monitors[0].metrics[0].inputs.latency: unknown input"
                + " 'latency' for core.count. It reads no inputs.");
    }

    @Test
    void twoMetricsWithOneNameAreAnError() {
        assertThat(errors(monitor("""
                      - type: core.count
                      - type: core.count
                """))).containsExactly("monitors.yaml:7: monitors[0].metrics[1]: two metrics are named 'core.count';"
                + " give one a different name with name:");
    }

    @Test
    void duplicateMonitorNamesAreAnError() {
        assertThat(errors("""
                monitors:
                  - name: checkout
                    source: { path: a.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                  - name: checkout
                    source: { path: b.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:6: monitors[1].name: monitor name 'checkout' is used twice; names"
                + " must be unique");
    }

    @Test
    void monitorNamesMustBeUsableAsFileNames() {
        assertThat(errors("""
                monitors:
                  - name: checkout latency/eu
                    source: { path: a.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:2: monitors[0].name: monitor name 'checkout latency/eu' may hold"
                + " only letters, digits, '.', '_' and '-' (it names files)");
    }

    @Test
    void slideLongerThanSizeWouldLoseRecords() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { size: 1h, slide: 90m }
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:5: monitors[0].window.slide: slide (90m) is longer than the size"
                + " (1h): records between windows would be lost");
    }

    @Test
    void aBadWindowSizeIsReportedOnce() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { size: 15 minutes }
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:5: monitors[0].window.size: '15 minutes' is not a duration; write"
                + " a whole number and a unit (ms, s, m, h, d), such as 90s, 15m, 1h or 1d");
    }

    @Test
    void windowWithoutSizeAndRealtimeWithoutWindow() {
        assertThat(errors("""
                monitors:
                  - name: a
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { slide: 5m }
                    metrics: [ { type: core.count } ]
                  - name: b
                    mode: realtime
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                """)).containsExactly(
                "monitors.yaml:5: monitors[0].window: a window needs a size, such as size: 1h",
                "monitors.yaml:7: monitors[1]: a realtime monitor needs a window, such as window: { size: 1h }");
    }

    @Test
    void periodicMonitorNeedsAScheduleAndOnlyPeriodicOnesTakeOne() {
        assertThat(errors("""
                monitors:
                  - name: a
                    mode: periodic
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { size: 1h }
                    metrics: [ { type: core.count } ]
                  - name: b
                    mode: realtime
                    schedule: every 5m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { size: 1h }
                    metrics: [ { type: core.count } ]
                """)).containsExactly(
                "monitors.yaml:2: monitors[0]: a periodic monitor needs a schedule, such as schedule: every 5m",
                "monitors.yaml:10: monitors[1].schedule: schedule applies to periodic monitors only (this one is"
                        + " realtime)");
    }

    @Test
    void periodicMonitorWithAScheduleIsValid() {
        assertThat(errors("""
                monitors:
                  - name: a
                    mode: periodic
                    schedule: every 5m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { size: 1h }
                    metrics: [ { type: core.count } ]
                """)).isEmpty();
    }

    @Test
    void baselineWithTwoFormsIsAnError() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline:
                      file: data/reference.jsonl
                      previous: 7
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:5: monitors[0].baseline: a baseline is one of {file: ...},"
                + " {from: ..., to: ...} or {previous: N}");
    }

    @Test
    void baselineRangeNeedsBothEndsInOrder() {
        assertThat(errors("""
                monitors:
                  - name: a
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline: { from: "2026-11-01T00:00:00Z" }
                    metrics: [ { type: core.count } ]
                  - name: b
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline: { from: "2026-11-03T00:00:00Z", to: "2026-11-01T00:00:00Z" }
                    metrics: [ { type: core.count } ]
                  - name: c
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline: { previous: 0 }
                    metrics: [ { type: core.count } ]
                """)).containsExactly(
                "monitors.yaml:5: monitors[0].baseline: a baseline range needs both from: and to:",
                "monitors.yaml:10: monitors[1].baseline: baseline from: 2026-11-03T00:00:00Z is not before to:"
                        + " 2026-11-01T00:00:00Z",
                "monitors.yaml:15: monitors[2].baseline.previous: must be at least 1");
    }

    @Test
    void baselineFileMustExistAndPreviousWindowsNeedAWindow(@TempDir Path base) throws IOException {
        Files.writeString(base.resolve("reference.jsonl"), "{}\n");
        ConfigLoader.Loaded loaded = new ConfigLoader(Map.<String, String>of()::get).parse("""
                monitors:
                  - name: a
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline: { file: ref/missing.jsonl }
                    metrics: [ { type: core.count } ]
                  - name: b
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline: { previous: 2 }
                    metrics: [ { type: core.count } ]
                  - name: c
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline: { file: reference.jsonl }
                    metrics: [ { type: core.count } ]
                  - name: d
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    baseline: { file: "ref/*.jsonl" }
                    metrics: [ { type: core.count } ]
                """, FILE);
        new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), base);

        assertThat(loaded.errors().errors()).map(ConfigError::toString).containsExactly(
                "monitors.yaml:5: monitors[0].baseline.file: baseline file " + base.resolve("ref/missing.jsonl")
                        + " does not exist",
                "monitors.yaml:10: monitors[1].baseline.previous: previous: N compares each window with the N before"
                        + " it, so the monitor needs a window, such as window: { size: 1d }");
    }

    @Test
    void aStaticMonitorTakesNoSchedule() {
        assertThat(errors("""
                monitors:
                  - name: m
                    schedule: every 5m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:3: monitors[0].schedule: schedule applies to periodic monitors"
                + " only (this one is static)");
    }

    @Test
    void aBadScheduleIsAnError() {
        assertThat(errors("""
                monitors:
                  - name: m
                    mode: periodic
                    schedule: whenever
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { size: 1h }
                    metrics: [ { type: core.count } ]
                """)).containsExactly("monitors.yaml:4: monitors[0].schedule: 'whenever' is not a schedule; write"
                + " every <duration>, such as every 5m");
    }

    @Test
    void intervalSettingsAreChecked() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    intervals:
                      confidence: 95
                      groups: 1
                      method: jacknife
                    metrics: [ { type: core.count } ]
                """)).containsExactly(
                "monitors.yaml:6: monitors[0].intervals.confidence: must be between 0 and 1, such as 0.95",
                "monitors.yaml:7: monitors[0].intervals.groups: must be between 2 and 1024 (32 is usual)",
                "monitors.yaml:8: monitors[0].intervals.method: 'jacknife' is not one of bootstrap, jackknife");
    }

    @Test
    void sourceAndSinkMistakes() {
        assertThat(errors("""
                monitors:
                  - name: m
                    source: { type: csv, time-format: epoch-milis }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                sinks:
                  - { type: jsnl, path: out/r.jsonl }
                  - { type: console, path: out.txt }
                  - { path: y.jsonl }
                """)).containsExactly(
                "monitors.yaml:3: monitors[0].source.type: unknown source type 'csv'. Available: jsonl",
                "monitors.yaml:3: monitors[0].source: a jsonl source needs a path: a file, a glob, or - for standard"
                        + " input",
                "monitors.yaml:3: monitors[0].source.time-format: 'epoch-milis' is not one of auto, epoch-millis,"
                        + " epoch-seconds, iso. Did you mean 'epoch-millis'?",
                "monitors.yaml:7: sinks[0].type: unknown sink type 'jsnl'. Did you mean 'jsonl'? Available: console,"
                        + " html, jsonl",
                "monitors.yaml:8: sinks[1].path: a console sink takes no path",
                "monitors.yaml:9: sinks[2]: a sink needs a type: one of console, html, jsonl");
    }

    @Test
    void monitorWithoutSourceOrMetrics() {
        assertThat(errors("""
                monitors:
                  - name: m
                    fields: { time: /ts }
                """)).containsExactly(
                "monitors.yaml:2: monitors[0]: a monitor needs a source, such as source: { type: jsonl, path:"
                        + " data/predictions.jsonl }",
                "monitors.yaml:2: monitors[0]: a monitor needs at least one metric under metrics: (see `modelwatch"
                        + " metrics`)");
    }

    @Test
    void fileWithoutMonitors() {
        assertThat(errors("sinks: [ { type: console } ]\n")).containsExactly(
                "monitors.yaml: monitors: no monitors: add a 'monitors:' list with at least one monitor");
    }

    @Test
    void emptyItemsAndValuesArePointedAtInsteadOfStoppingTheCheck() {
        assertThat(errors("""
                monitors:
                  - name: m
                    mode: ""
                    source: { path: p.jsonl }
                    fields: { time: /ts, latency: }
                    segment-by: [ /country, ~ ]
                    metrics:
                      -
                      - { type: core.count }
                  - ~
                  - name: n
                    mode: [ static ]
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                sinks: [ ~ ]
                plugins: { on-error: "" }
                """)).containsExactly(
                "monitors.yaml:3: monitors[0].mode: '' is not one of realtime, periodic, static.",
                "monitors.yaml:5: monitors[0].fields.latency: no JSON Pointer given; write one such as /output/text",
                "monitors.yaml:6: monitors[0].segment-by[1]: empty item; write a JSON Pointer such as /country",
                "monitors.yaml:8: monitors[0].metrics[0]: a metric needs a type (see `modelwatch metrics`)",
                "monitors.yaml:10: monitors[1]: empty monitor",
                "monitors.yaml:12: monitors[2].mode: expected one of realtime, periodic, static but found a list",
                "monitors.yaml:16: sinks[0]: a sink needs a type: one of console, html, jsonl",
                "monitors.yaml:17: plugins.on-error: '' is not one of fail, skip.");
    }

    @Test
    void bindingAndSemanticErrorsComeOutTogetherInLineOrder() {
        List<String> errors = errors("""
                monitors:
                  - name: m
                    mode: streaming
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    window: { size: 1h, slide: 2h }
                    metrics:
                      - type: core.latncy
                  - name: m
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count, params: { x: 1 } } ]
                """);

        assertThat(errors).extracting(e -> e.replaceFirst("^(monitors\\.yaml:\\d+: [^ ]+): .*$", "$1")).containsExactly(
                "monitors.yaml:3: monitors[0].mode",
                "monitors.yaml:6: monitors[0].window.slide",
                "monitors.yaml:8: monitors[0].metrics[0].type",
                "monitors.yaml:9: monitors[1].name",
                "monitors.yaml:12: monitors[1].metrics[0].params.x");
    }
}
