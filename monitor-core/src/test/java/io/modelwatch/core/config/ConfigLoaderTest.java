package io.modelwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelwatch.core.plugin.OnError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's part of validation: syntax, strict binding to records (unknown keys with line, path,
 * did-you-mean and the valid keys), value conversion and environment substitution. Every assertion
 * is on the exact text {@code modelwatch validate} prints for the error.
 */
class ConfigLoaderTest {
    private static final Path FILE = Path.of("conf/monitors.yaml");

    @TempDir
    Path tmp;

    private static ConfigLoader.Loaded load(String yaml) {
        return load(yaml, Map.of());
    }

    private static ConfigLoader.Loaded load(String yaml, Map<String, String> env) {
        Function<String, String> lookup = env::get;
        return new ConfigLoader(lookup).parse(yaml, FILE);
    }

    private static List<String> errors(String yaml) {
        return load(yaml).errors().errors().stream().map(ConfigError::toString).toList();
    }

    private static List<String> thrown(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
        assertThat(e).as("a ConfigException for:\n" + yaml).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    private static final String VALID = """
            data-dir: run
            plugins: { dir: plugins, on-error: skip }
            monitors:
              - name: checkout-latency
                model: ranker-v3
                mode: realtime
                source: { type: jsonl, path: data/predictions.jsonl, follow: true, time-format: epoch-seconds, poll-interval: 2s }
                fields: { time: /ts, latency: /latency_ms }
                segment-by: [/country, /device]
                max-segments: 20
                window: { size: 1h, slide: 15m, allowed-lateness: 90s }
                baseline: { from: "2026-11-01T00:00:00Z", to: 1793664000 }
                intervals: { confidence: 0.9, groups: 16, method: bootstrap }
                metrics:
                  - { type: core.latency, name: lat, params: { unit: s }, inputs: { latency: latency } }
                sinks: [ { type: jsonl, path: out/lat.jsonl } ]
            sinks:
              - { type: console }
            """;

    @Test
    void bindsEveryKeyOfAValidFileIntoRecords() {
        ConfigLoader.Loaded loaded = load(VALID);

        assertThat(loaded.errors().errors()).isEmpty();
        ModelWatchConfig c = loaded.config();
        assertThat(c.dataDir()).isEqualTo("run");
        assertThat(c.plugins()).isEqualTo(new PluginsConfig("plugins", OnError.SKIP));
        assertThat(c.sinks()).containsExactly(new SinkConfig("console", null));
        MonitorConfig m = c.monitors().get(0);
        assertThat(m.name()).isEqualTo("checkout-latency");
        assertThat(m.model()).isEqualTo("ranker-v3");
        assertThat(m.mode()).isEqualTo(Mode.REALTIME);
        assertThat(m.source()).isEqualTo(new SourceConfig("jsonl", "data/predictions.jsonl", true, "epoch-seconds",
                Duration.ofSeconds(2)));
        assertThat(m.fields()).containsExactly(Map.entry("time", "/ts"), Map.entry("latency", "/latency_ms"));
        assertThat(m.segmentBy()).containsExactly("/country", "/device");
        assertThat(m.maxSegments()).isEqualTo(20);
        assertThat(m.window()).isEqualTo(new WindowConfig(Duration.ofHours(1), Duration.ofMinutes(15),
                Duration.ofSeconds(90)));
        // 1793664000 epoch seconds is 2026-11-03T00:00:00Z (20760 days * 86400 s).
        assertThat(m.baseline()).isEqualTo(new BaselineConfig(null, Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"), null));
        assertThat(m.intervals()).isEqualTo(new IntervalsConfig(true, 0.9, 16, "bootstrap"));
        assertThat(m.metrics()).containsExactly(new MetricConfig("lat", "core.latency", Map.of("unit", "s"),
                Map.of("latency", "latency"), null));
        assertThat(m.sinks()).containsExactly(new SinkConfig("jsonl", "out/lat.jsonl"));
    }

    @Test
    void fillsDefaultsForWhatIsLeftOut() {
        ConfigLoader.Loaded loaded = load("""
                monitors:
                  - name: m
                    source: { path: a.jsonl }
                    window: { size: 1d }
                    metrics: [ { type: core.count } ]
                """);

        assertThat(loaded.errors().errors()).isEmpty();
        ModelWatchConfig c = loaded.config();
        assertThat(c.dataDir()).isEqualTo("data");
        assertThat(c.plugins()).isEqualTo(new PluginsConfig(null, OnError.FAIL));
        MonitorConfig m = c.monitors().get(0);
        assertThat(m.mode()).isEqualTo(Mode.STATIC);
        assertThat(m.source()).isEqualTo(new SourceConfig("jsonl", "a.jsonl", false, "auto", Duration.ofMillis(500)));
        assertThat(m.window()).isEqualTo(new WindowConfig(Duration.ofDays(1), Duration.ofDays(1), Duration.ZERO));
        assertThat(m.intervals()).isEqualTo(new IntervalsConfig(true, 0.95, 32, "jackknife"));
        assertThat(m.maxSegments()).isEqualTo(100);
        assertThat(m.metrics().get(0).displayName()).isEqualTo("core.count");
    }

    @Test
    void unknownTopLevelKeyGivesLineDidYouMeanAndTheValidKeys() {
        assertThat(errors("""
                monitors: []
                sink:
                  - { type: console }
                """)).containsExactly("conf/monitors.yaml:2: sink: unknown key 'sink'. Did you mean 'sinks'?"
                + " Valid keys here: alerting, checkpoint, data-dir, monitors, plugins, server, sinks, store.");
    }

    @Test
    void unknownKeysInAMonitorItsWindowAndItsSourceAreEachReportedAtTheirOwnLine() {
        assertThat(errors("""
                monitors:
                  - name: checkout-latency
                    modle: ranker-v3
                    source: { type: jsonl, path: data/p.jsonl, folow: true }
                    fields: { time: /ts }
                    window:
                      size: 1d
                      slid: 1h
                    metrics: [ { type: core.count, parms: {} } ]
                """)).containsExactly(
                "conf/monitors.yaml:3: monitors[0].modle: unknown key 'modle'. Did you mean 'model'? Valid keys here:"
                        + " baseline, fields, intervals, max-segments, metrics, mode, model, name, schedule, segment-by,"
                        + " sinks, source, window.",
                "conf/monitors.yaml:4: monitors[0].source.folow: unknown key 'folow'. Did you mean 'follow'?"
                        + " Valid keys here: follow, path, poll-interval, time-format, type.",
                "conf/monitors.yaml:8: monitors[0].window.slid: unknown key 'slid'. Did you mean 'slide'?"
                        + " Valid keys here: allowed-lateness, size, slide.",
                "conf/monitors.yaml:9: monitors[0].metrics[0].parms: unknown key 'parms'. Did you mean 'params'?"
                        + " Valid keys here: alerts, inputs, name, params, type.");
    }

    @Test
    void unknownKeyInTheSecondMonitorNamesThatMonitorsIndex() {
        assertThat(errors("""
                monitors:
                  - name: a
                    source: { path: a.jsonl }
                  - name: b
                    source: { path: b.jsonl }
                    windows: { size: 1h }
                """)).containsExactly("conf/monitors.yaml:6: monitors[1].windows: unknown key 'windows'. Did you mean"
                + " 'window'? Valid keys here: baseline, fields, intervals, max-segments, metrics, mode, model, name,"
                + " schedule, segment-by, sinks, source, window.");
    }

    @Test
    void aKeyFarFromEveryValidOneHasNoDidYouMeanButStillListsTheValidKeys() {
        assertThat(errors("""
                monitors: []
                plugins: { directory: x }
                """)).containsExactly("conf/monitors.yaml:2: plugins.directory: unknown key 'directory'."
                + " Valid keys here: dir, on-error.");
    }

    @Test
    void badDurationSaysWhichFormsAreAccepted() {
        assertThat(errors("""
                monitors:
                  - name: m
                    window: { size: 15 minutes }
                """)).containsExactly("conf/monitors.yaml:3: monitors[0].window.size: '15 minutes' is not a duration;"
                + " write a whole number and a unit (ms, s, m, h, d), such as 90s, 15m, 1h or 1d");
    }

    @Test
    void badTimestampSaysWhichFormsAreAccepted() {
        assertThat(errors("""
                monitors:
                  - name: m
                    baseline:
                      from: yesterday
                      to: 2026-11-03T00:00:00Z
                """)).containsExactly("conf/monitors.yaml:4: monitors[0].baseline.from: 'yesterday' is not a"
                + " timestamp; write ISO-8601 with a zone, such as 2026-11-01T00:00:00Z, or epoch milliseconds or"
                + " seconds");
    }

    @Test
    void invalidEnumValueListsTheChoices() {
        assertThat(errors("""
                monitors:
                  - name: m
                    mode: streaming
                """)).containsExactly("conf/monitors.yaml:3: monitors[0].mode: 'streaming' is not one of realtime,"
                + " periodic, static.");
    }

    @Test
    void misspeltEnumValueGetsADidYouMean() {
        assertThat(errors("""
                monitors:
                  - name: m
                    mode: periodc
                plugins: { on-error: skp }
                """)).containsExactly(
                "conf/monitors.yaml:3: monitors[0].mode: 'periodc' is not one of realtime, periodic, static."
                        + " Did you mean 'periodic'?",
                "conf/monitors.yaml:4: plugins.on-error: 'skp' is not one of fail, skip. Did you mean 'skip'?");
    }

    @Test
    void enumValuesAreCaseInsensitive() {
        assertThat(load("monitors: [ { name: m, mode: REALTIME } ]").config().monitors().get(0).mode())
                .isEqualTo(Mode.REALTIME);
    }

    @Test
    void wrongValueShapesNameTheKeyNotTheListTheyOpen() {
        assertThat(errors("""
                data-dir: [a, b]
                monitors:
                  - name: m
                    max-segments: lots
                    intervals: { confidence: high }
                    fields: [ /ts ]
                """)).containsExactly(
                "conf/monitors.yaml:1: data-dir: expected text but found a list",
                "conf/monitors.yaml:4: monitors[0].max-segments: 'lots' is not a valid whole number",
                "conf/monitors.yaml:5: monitors[0].intervals.confidence: 'high' is not a valid number",
                "conf/monitors.yaml:6: monitors[0].fields: expected a mapping (key: value) but found a list");
    }

    @Test
    void listsAndMappingsWhereASingleValueBelongsAreReportedAtTheirKey() {
        assertThat(errors("""
                monitors:
                  - name: m
                    mode: [ static ]
                    window: { size: { hours: 1 }, slide: [ 15m ] }
                    baseline: { from: { day: 1 } }
                    max-segments: [ 1 ]
                    source: poll
                """)).containsExactly(
                "conf/monitors.yaml:3: monitors[0].mode: expected one of realtime, periodic, static but found a list",
                "conf/monitors.yaml:4: monitors[0].window.size: expected a duration such as 15m but found a mapping",
                "conf/monitors.yaml:4: monitors[0].window.slide: expected a duration such as 15m but found a list",
                "conf/monitors.yaml:5: monitors[0].baseline.from: expected a timestamp such as 2026-11-01T00:00:00Z but"
                        + " found a mapping",
                "conf/monitors.yaml:6: monitors[0].max-segments: expected a whole number but found a list",
                "conf/monitors.yaml:7: monitors[0].source: expected a mapping (key: value) but found text ('poll')");
    }

    @Test
    void wholeNumbersOutOfRangeOrWithAFractionAreErrorsNotCrashesOrTruncations() {
        ConfigLoader.Loaded loaded = load("""
                monitors:
                  - name: m
                    max-segments: 99999999999999999999
                    intervals: { groups: 1.5, confidence: 0.9 }
                  - name: n
                    max-segments: 20.0
                    intervals: { groups: "16" }
                """);

        assertThat(loaded.errors().errors()).map(ConfigError::toString).containsExactly(
                "conf/monitors.yaml:3: monitors[0].max-segments: '99999999999999999999' is not a valid whole number"
                        + " (at most 2147483647)",
                "conf/monitors.yaml:4: monitors[0].intervals.groups: '1.5' is not a valid whole number");
        MonitorConfig n = loaded.config().monitors().get(1);
        assertThat(n.maxSegments()).isEqualTo(20);
        assertThat(n.intervals().groups()).isEqualTo(16);
    }

    @Test
    void anEmptyMappingValueMeansNotSet() {
        ConfigLoader.Loaded loaded = load("""
                monitors:
                  - name: m
                    source: ${MW_SOURCE}
                    window: ""
                    baseline: ""
                """, Map.of("MW_SOURCE", "\"\""));

        assertThat(loaded.errors().errors()).isEmpty();
        MonitorConfig m = loaded.config().monitors().get(0);
        assertThat(m.source()).isNull();
        assertThat(m.window()).isNull();
        assertThat(m.baseline()).isNull();
    }

    @Test
    void collectsEveryErrorOfTheFileInLineOrder() {
        List<String> errors = errors("""
                monitors:
                  - name: m
                    mode: streaming
                    window: { size: 15 minutes, slid: 1m }
                    baseline: { from: yesterday, to: 2026-11-03T00:00:00Z }
                sink: []
                """);

        assertThat(errors).hasSize(5);
        assertThat(errors).extracting(e -> e.substring(0, e.indexOf(' '))).containsExactly(
                "conf/monitors.yaml:3:", "conf/monitors.yaml:4:", "conf/monitors.yaml:4:", "conf/monitors.yaml:5:",
                "conf/monitors.yaml:6:");
        assertThat(String.join("\n", errors)).contains("'streaming'", "'15 minutes'", "unknown key 'slid'",
                "'yesterday'", "unknown key 'sink'");
    }

    @Test
    void substitutesEnvironmentVariablesAndDefaults() {
        ConfigLoader.Loaded loaded = load("""
                data-dir: ${MW_HOME}/data
                monitors:
                  - name: ${MW_NAME:-checkout}
                    model: ${MW_MODEL:-ranker-v3}
                    source: { path: "${MW_HOME}/logs/${MW_FILE:-p.jsonl}" }
                """, Map.of("MW_HOME", "/srv/mw", "MW_MODEL", "ranker-v4", "MW_FILE", ""));

        assertThat(loaded.errors().errors()).isEmpty();
        assertThat(loaded.config().dataDir()).isEqualTo("/srv/mw/data");
        MonitorConfig m = loaded.config().monitors().get(0);
        assertThat(m.name()).as("unset: the default").isEqualTo("checkout");
        assertThat(m.model()).as("set: the variable wins over the default").isEqualTo("ranker-v4");
        assertThat(m.source().path()).as("set but empty: the default, as in the shell").isEqualTo("/srv/mw/logs/p.jsonl");
    }

    @Test
    void unsetVariableWithoutDefaultIsAnErrorAtItsLineAndBindingGoesOn() {
        ConfigLoader.Loaded loaded = load("""
                monitors:
                  - name: m
                    source: { path: "${MW_LOGS}/p.jsonl" }
                    mode: streaming
                """);

        assertThat(loaded.errors().errors()).map(ConfigError::toString).containsExactly(
                "conf/monitors.yaml:3: environment variable MW_LOGS is not set; set it, or give a default as"
                        + " ${MW_LOGS:-value}",
                "conf/monitors.yaml:4: monitors[0].mode: 'streaming' is not one of realtime, periodic, static.");
    }

    @Test
    void variablesInCommentsAreLeftAlone() {
        ConfigLoader.Loaded loaded = load("""
                # data-dir: ${NOT_SET}
                monitors:
                  - name: m   # ${ALSO_NOT_SET}
                    model: "a # ${MW_MODEL}"
                """, Map.of("MW_MODEL", "x"));

        assertThat(loaded.errors().errors()).isEmpty();
        assertThat(loaded.config().monitors().get(0).model()).isEqualTo("a # x");
    }

    @Test
    void emptyFileSaysWhatItNeeds() {
        assertThat(thrown("")).containsExactly(
                "conf/monitors.yaml: the file is empty; it needs at least a 'monitors:' list");
        assertThat(thrown("# nothing here yet\n\n")).containsExactly(
                "conf/monitors.yaml: the file is empty; it needs at least a 'monitors:' list");
    }

    @Test
    void yamlSyntaxErrorGivesTheLineOnOneLine() {
        assertThat(thrown("""
                monitors:
                  - name: a
                    source: { type: jsonl, path: x.jsonl
                    fields: { time: /ts }
                """)).containsExactly("conf/monitors.yaml:4: not valid YAML: expected ',' or '}', but got : (column 11),"
                + " while parsing a flow mapping that starts at line 3, column 13");
    }

    @Test
    void badIndentationIsASyntaxErrorAtItsLine() {
        assertThat(thrown("""
                monitors:
                  - name: a
                   model: x
                """)).containsExactly("conf/monitors.yaml:3: not valid YAML: expected <block end>, but found '<block"
                + " mapping start>' (column 4), while parsing a block collection that starts at line 2, column 3");
    }

    @Test
    void tabsAreNotIndentation() {
        assertThat(thrown("monitors:\n\t- name: a\n")).containsExactly("conf/monitors.yaml:2: not valid YAML: found"
                + " character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (column 1)");
    }

    @Test
    void everyDuplicateKeyIsAnErrorAtItsSecondLine() {
        assertThat(errors("""
                monitors:
                  - name: a
                    name: b
                  - name: c
                    window: { size: 1h, size: 2h }
                    mode: static
                """)).containsExactly(
                "conf/monitors.yaml:3: monitors[0].name: the key 'name' appears twice here; keep one",
                "conf/monitors.yaml:5: monitors[1].window.size: the key 'size' appears twice here; keep one");
    }

    @Test
    void aSyntaxErrorKeepsTheEnvironmentErrorsBeforeIt() {
        assertThat(thrown("""
                monitors:
                  - name: ${MW_NAME}
                    source: { path: x.jsonl
                """)).containsExactly(
                "conf/monitors.yaml:2: environment variable MW_NAME is not set; set it, or give a default as"
                        + " ${MW_NAME:-value}",
                "conf/monitors.yaml:4: not valid YAML: expected ',' or '}', but got <stream end> (column 1), while"
                        + " parsing a flow mapping that starts at line 3, column 13");
    }

    @Test
    void loadNamesTheMissingFile() {
        Path missing = tmp.resolve("nope.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(missing));

        assertThat(e.errors()).map(ConfigError::toString).singleElement().asString()
                .isEqualTo(missing + ": file not found (working directory: " + Path.of("").toAbsolutePath() + ")");
        assertThat(e).hasMessage("1 configuration error\n  " + missing + ": file not found (working directory: "
                + Path.of("").toAbsolutePath() + ")");
    }

    @Test
    void loadReadsAFileAndKeepsItsNameInErrors() throws Exception {
        Path file = Files.writeString(tmp.resolve("m.yaml"), "monitors:\n  - name: m\n    mdoe: static\n");

        ConfigLoader.Loaded loaded = new ConfigLoader(k -> null).load(file);

        assertThat(loaded.file()).isEqualTo(file);
        assertThat(loaded.errors().errors()).map(ConfigError::toString).singleElement().asString()
                .startsWith(file + ":3: monitors[0].mdoe: unknown key 'mdoe'. Did you mean 'mode'?");
    }

    @Test
    void errorsKnowTheLineOfEveryPathForLaterSemanticChecks() {
        ConfigErrors errors = load(VALID).errors();

        assertThat(errors.lineOf("monitors[0]")).isEqualTo(4);
        assertThat(errors.lineOf("monitors[0].window.slide")).isEqualTo(11);
        assertThat(errors.lineOf("monitors[0].metrics[0]")).isEqualTo(15);
        assertThat(errors.lineOf("monitors[0].metrics[0].params.unit")).isEqualTo(15);
        assertThat(errors.lineOf("sinks[0].type")).isEqualTo(18);
        assertThat(errors.lineOf("monitors[0].no.such.key")).as("nearest known parent").isEqualTo(4);
        assertThat(errors.lineOf("nothing")).isZero();
    }
}
