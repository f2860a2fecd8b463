package io.modelwatch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands other than run: help, metrics, plugins, generate, validate; and the exit codes. */
class CommandsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "plugins", "metrics", "generate", "demo"})
    void everyCommandHasHelp(String command) {
        Cli cli = Cli.run(command, "--help");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out()).startsWith("Usage: modelwatch " + command + " [-hV]").contains("-h, --help");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"help"}, new String[0])) {
            Cli cli = Cli.run(args);

            assertThat(cli.code()).as(cli.toString()).isZero();
            assertThat(cli.out()).startsWith("Usage: modelwatch [-hV] [COMMAND]");
            assertThat(cli.out().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .map(l -> l.split(" ")[0]))
                    .contains("run", "validate", "plugins", "metrics", "generate", "demo", "help");
        }
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        Cli cli = Cli.run("help", "validate");

        assertThat(cli.code()).isZero();
        assertThat(cli.out()).startsWith("Usage: modelwatch validate [-hV] -c=<config>");
    }

    @Test
    void versionNamesTheApiVersion() {
        Cli cli = Cli.run("--version");

        assertThat(cli.code()).isZero();
        assertThat(cli.out()).matches("modelwatch \\S+ \\(API 1\\.\\d+\\)\\n");
    }

    @Test
    void metricsListsTheBuiltInTypesWithInputsParamsAndOutputs() {
        Cli cli = Cli.run("metrics");

        assertThat(cli.code()).as(cli.toString()).isZero();
        String out = cli.out();
        assertThat(out.lines().filter(l -> !l.startsWith(" ") && !l.isEmpty())).containsExactly(
                "core.count  (plugin core)", "core.error_rate  (plugin core)", "core.latency  (plugin core)",
                "core.throughput  (plugin core)");
        assertThat(section(out, "core.latency")).containsSubsequence(
                "  Latency mean, min, max and p50/p90/p95/p99 (KLL sketch).",
                "  params:",
                "    field                  field                    default latency    the field (under fields:)"
                        + " holding the latency",
                "    unit                   ns|us|ms|s               default ms         the unit of the field; outputs"
                        + " use it too",
                "    k                      integer                  default 200        KLL sketch size: larger is"
                        + " more accurate (8 to 65535)",
                "  outputs:",
                "    mean                   mean latency",
                "    min                    smallest latency (descriptive: no interval or baseline test)",
                "    max                    largest latency (descriptive: no interval or baseline test)",
                "    p50                    median",
                "    p90                    90th percentile",
                "    p95                    95th percentile",
                "    p99                    99th percentile");
        assertThat(section(out, "core.error_rate")).containsSubsequence(
                "    field                  field                    default failed     the field (under fields:)"
                        + " that marks a failed prediction",
                "  outputs:",
                "    rate                   errors / records, 0 to 1",
                "    errors                 records marked as failed (descriptive: no interval or baseline test)");
        assertThat(section(out, "core.count")).contains(
                "    count                  records in the window (descriptive: no interval or baseline test)")
                .doesNotContain("  params:");
        assertThat(section(out, "core.throughput")).contains(
                "    per_second             records per second of event time");
    }

    @Test
    void metricsCanListChosenTypes() {
        Cli cli = Cli.run("metrics", "core.count", "core.throughput");

        assertThat(cli.code()).isZero();
        assertThat(cli.out().lines().filter(l -> !l.startsWith(" ") && !l.isEmpty()))
                .containsExactly("core.count  (plugin core)", "core.throughput  (plugin core)");
    }

    @Test
    void metricsNamesUnknownTypesWithADidYouMean() {
        Cli cli = Cli.run("metrics", "core.count", "core.cont", "nlp.bleu");

        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEqualTo(
                "modelwatch: unknown metric type 'core.cont'. Did you mean 'core.count'? Available: core.count,"
                        + " core.error_rate, core.latency, core.throughput\n"
                        + "modelwatch: unknown metric type 'nlp.bleu'. Available: core.count, core.error_rate,"
                        + " core.latency, core.throughput\n");
    }

    @Test
    void listingsReportAnUnreadableConfigurationOrPluginsFolderAsConfigurationErrors() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "\n");
        Path none = dir.resolve("no-plugins");

        for (String command : List.of("plugins", "metrics")) {
            Cli withConfig = Cli.run(command, "-c", empty.toString());
            Cli withFolder = Cli.run(command, "--plugins", none.toString());

            assertThat(withConfig.code()).as(command).isEqualTo(2);
            assertThat(withConfig.err()).isEqualTo("modelwatch: 1 configuration error:\n  " + empty
                    + ": the file is empty; it needs at least a 'monitors:' list\n");
            assertThat(withFolder.code()).as(command).isEqualTo(2);
            assertThat(withFolder.err()).isEqualTo("modelwatch: plugins folder " + none
                    + " does not exist; create it or change plugins.dir\n");
        }
    }

    /** Returns the lines of one type's entry in the {@code metrics} listing. */
    private static List<String> section(String out, String type) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf(type + "  (plugin core)");
        assertThat(start).as(type + " listed").isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    @Test
    void pluginsListsCoreAsBuiltIn() {
        Cli cli = Cli.run("plugins");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out().lines()).containsExactly(
                "NAME       VERSION          API   STATUS   FOLDER                                   METRICS",
                "core       dev              " + String.format("%-5s", io.modelwatch.api.ApiVersion.current())
                        + " loaded   " + String.format("%-40s", "(built in)")
                        + " core.count, core.error_rate, core.latency, core.throughput");
    }

    @Test
    void generateWritesThreeLogs() throws IOException {
        Path out = dir.resolve("logs");

        Cli cli = Cli.run("generate", "--out", out.toString(), "--days", "2", "--per-day", "30");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out().lines()).containsExactly("wrote " + out.resolve("mt.jsonl"),
                "wrote " + out.resolve("vision.jsonl"), "wrote " + out.resolve("recsys.jsonl"));
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("mt.jsonl", "recsys.jsonl", "vision.jsonl");
        }
        for (String name : List.of("mt.jsonl", "vision.jsonl", "recsys.jsonl")) {
            List<String> lines = Files.readAllLines(out.resolve(name));
            assertThat(lines).as(name).hasSize(2 * 30);
            assertThat(lines.get(0)).startsWith("{\"ts\":\"2026-11-01T").contains("\"request_id\":", "\"latency_ms\":");
        }
    }

    @Test
    void generateIsSeeded() throws IOException {
        Cli.run("generate", "--out", dir.resolve("a").toString(), "--days", "1", "--per-day", "20");
        Cli.run("generate", "--out", dir.resolve("b").toString(), "--days", "1", "--per-day", "20");
        Cli.run("generate", "--out", dir.resolve("c").toString(), "--days", "1", "--per-day", "20", "--seed", "7");

        assertThat(Files.readString(dir.resolve("a/mt.jsonl"))).isEqualTo(Files.readString(dir.resolve("b/mt.jsonl")))
                .isNotEqualTo(Files.readString(dir.resolve("c/mt.jsonl")));
    }

    @Test
    void exitCodeZeroForAValidConfiguration() throws IOException {
        Path config = Files.writeString(dir.resolve("ok.yaml"), """
                monitors:
                  - name: m
                    source: { path: data/predictions.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                """);

        Cli cli = Cli.run("validate", "-c", config.toString());

        assertThat(cli.code()).isZero();
        assertThat(cli.out()).isEqualTo(config + ": valid (1 monitor, 1 metric: m)\n");
    }

    @Test
    void exitCodeTwoWithEveryConfigurationErrorPrinted() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                monitor:
                  - name: x
                monitors:
                  - name: checkout-latency
                    modle: ranker-v3
                    mode: streaming
                    source: { type: jsonl, path: data/predictions.jsonl, folow: true }
                    fields: { time: /ts, latency: /latency_ms, failed: /error }
                    window: { size: 15 minutes }
                    metrics:
                      - type: core.latncy
                      - type: core.error_rate
                        params: { feild: failed }
                """);

        for (String command : List.of("validate", "run")) {
            Cli cli = Cli.run(command, "-c", config.toString());

            assertThat(cli.code()).as(command).isEqualTo(2);
            assertThat(cli.out()).as(command).isEmpty();
            assertThat(cli.err()).as(command).isEqualTo("modelwatch: 7 configuration errors:\n"
                    + "  " + config + ":1: monitor: unknown key 'monitor'. Did you mean 'monitors'? Valid keys here:"
                    + " alerting, checkpoint, data-dir, monitors, plugins, server, sinks, store.\n"
                    + "  " + config + ":5: monitors[0].modle: unknown key 'modle'. Did you mean 'model'? Valid keys"
                    + " here: baseline, fields, intervals, max-segments, metrics, mode, model, name, schedule,"
                    + " segment-by, sinks, source, window.\n"
                    + "  " + config + ":6: monitors[0].mode: 'streaming' is not one of realtime, periodic, static.\n"
                    + "  " + config + ":7: monitors[0].source.folow: unknown key 'folow'. Did you mean 'follow'? Valid"
                    + " keys here: follow, path, poll-interval, time-format, type.\n"
                    + "  " + config + ":9: monitors[0].window.size: '15 minutes' is not a duration; write a whole"
                    + " number and a unit (ms, s, m, h, d), such as 90s, 15m, 1h or 1d\n"
                    + "  " + config + ":11: monitors[0].metrics[0].type: unknown metric type 'core.latncy'. Did you"
                    + " mean 'core.latency'? Available: core.count, core.error_rate, core.latency, core.throughput\n"
                    + "  " + config + ":13: monitors[0].metrics[1].params.feild: unknown parameter 'feild' for"
                    + " core.error_rate. Did you mean 'field'? Valid parameters: field (see `modelwatch metrics`).\n");
        }
    }

    @Test
    void exitCodeTwoForAMissingOrEmptyFile() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");

        Cli a = Cli.run("validate", "-c", missing.toString());
        Cli b = Cli.run("run", "-c", empty.toString());

        assertThat(a.code()).isEqualTo(2);
        assertThat(a.err()).isEqualTo("modelwatch: 1 configuration error:\n  " + missing
                + ": file not found (working directory: " + Path.of("").toAbsolutePath() + ")\n");
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).isEqualTo("modelwatch: 1 configuration error:\n  " + empty
                + ": the file is empty; it needs at least a 'monitors:' list\n");
    }

    @Test
    void exitCodeTwoForAUsageError() {
        Cli cli = Cli.run("run");

        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Missing required option: '--config=<config>'\nUsage: modelwatch run");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        Cli shards = Cli.run("run", "-c", "x.yaml", "--shards", "0");
        Cli days = Cli.run("generate", "--out", dir.toString(), "--days", "0");
        Cli perDay = Cli.run("generate", "--out", dir.toString(), "--per-day", "-5");
        Cli start = Cli.run("generate", "--out", dir.toString(), "--start", "yesterday");

        assertThat(List.of(shards, days, perDay, start)).extracting(Cli::code).containsOnly(2);
        assertThat(shards.err()).startsWith("--shards must be at least 1, got 0\nUsage: modelwatch run");
        assertThat(days.err()).startsWith("--days must be at least 1, got 0\nUsage: modelwatch generate");
        assertThat(perDay.err()).startsWith("--per-day must be at least 1, got -5\nUsage: modelwatch generate");
        assertThat(start.err()).startsWith("Invalid value for option '--start': 'yesterday' is not a timestamp; write"
                + " ISO-8601 with a zone, such as 2026-11-01T00:00:00Z, or epoch milliseconds or seconds\n");
    }

    @Test
    void generateTakesAnEpochStart() throws IOException {
        // 1793577600 s is 2026-11-02T00:00:00Z (20759 days * 86400 s).
        Cli cli = Cli.run("generate", "--out", dir.toString(), "--days", "1", "--per-day", "3", "--start", "1793577600");

        assertThat(cli.code()).isZero();
        assertThat(Files.readAllLines(dir.resolve("vision.jsonl"))).allSatisfy(l -> assertThat(l).startsWith(
                "{\"ts\":\"2026-11-02T"));
    }

    @Test
    void exitCodeOneWhenASourceCannotBeRead() throws IOException {
        Path config = Files.writeString(dir.resolve("nosource.yaml"), """
                monitors:
                  - name: m
                    source: { path: data/absent.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                sinks: [ { type: jsonl, path: out/r.jsonl } ]
                """);

        Cli validate = Cli.run("validate", "-c", config.toString());
        Cli run = Cli.run("run", "-c", config.toString());

        assertThat(validate.code()).as("a file that is absent now may exist at run time").isZero();
        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: monitor 'm': cannot read source " + dir.resolve("data/absent.jsonl")
                + ": source file not found\n");
    }

    @Test
    void environmentVariablesReachTheRunThroughTheLoader() throws IOException {
        // The CLI reads the process environment; PATH is set wherever tests run, MW_UNSET_FOR_TEST is not.
        Path config = Files.writeString(dir.resolve("env.yaml"), """
                monitors:
                  - name: m
                    model: "${MW_UNSET_FOR_TEST:-ranker-v3}"
                    source: { path: "${MW_UNSET_FOR_TEST}/p.jsonl" }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                """);

        Cli cli = Cli.run("validate", "-c", config.toString());

        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("modelwatch: 1 configuration error:\n  " + config + ":4: environment variable"
                + " MW_UNSET_FOR_TEST is not set; set it, or give a default as ${MW_UNSET_FOR_TEST:-value}\n");
    }
}
