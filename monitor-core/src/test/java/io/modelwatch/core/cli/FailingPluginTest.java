package io.modelwatch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.cli.fixtures.ExplodingPlugin;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.kernel.Engine;
import io.modelwatch.core.kernel.MetricSlot;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.MonitorStats;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.PluginManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's failures do not take the others down: a metric whose {@code add} throws marks itself
 * failed, its result rows carry an error naming the plugin and the metric, the monitor's other
 * metrics still produce their results, and the run reports it; a plugin folder that cannot load is
 * skipped with {@code plugins.on-error: skip} and stops the start (exit 2, problem printed) with
 * {@code fail}.
 */
class FailingPluginTest {
    // Record 150 is on day 4 (150 / 48 = 3): the faulty metric throws there, after three clean days.
    private static final int BAD_RECORD = 150;
    private static final String FAILURE = "metric 'explode' (faulty.explode, plugin faulty) of monitor 'checkout' failed"
            + " in add: java.lang.IllegalStateException: latency 5000.0 is over the limit 1000.0";

    @TempDir
    Path dir;

    private static final String MONITOR = """
            monitors:
              - name: checkout
                source: { path: data/predictions.jsonl }
                fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                window: { size: 1d }
                metrics:
                  - { type: core.count }
                  - { type: faulty.explode, name: explode }
                  - { type: core.error_rate }
            """;

    @Test
    void aMetricWhoseAddThrowsFailsAloneThroughTheEngine() throws Exception {
        PredictionLog.write(dir, BAD_RECORD, 5000);
        List<WindowResult> results = Collections.synchronizedList(new ArrayList<>());
        List<MonitorStats> stats;
        List<MonitorPlan> plans;
        try (PluginManager plugins = new PluginManager()) {
            plugins.install(new CorePlugin());
            plugins.install(new ExplodingPlugin());
            ConfigLoader.Loaded loaded = new ConfigLoader(Map.<String, String>of()::get).parse(MONITOR,
                    dir.resolve("monitors.yaml"));
            plans = new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), dir);
            assertThat(loaded.errors().errors()).isEmpty();

            stats = new Engine(Cli.CLOCK, dir.resolve("data"), 1, d -> { }).run(plans, results::addAll);
        }

        assertThat(stats).singleElement().satisfies(s -> assertThat(s.records()).isEqualTo(240));
        MetricSlot failed = plans.get(0).metrics().get(1);
        assertThat(failed.plugin()).isEqualTo("faulty");
        assertThat(failed.failure()).isEqualTo(FAILURE);
        assertThat(plans.get(0).metrics().get(0).failure()).isNull();
        assertThat(plans.get(0).metrics().get(2).failure()).isNull();

        // Five daily windows and the whole input.
        List<WindowResult> explode = results.stream().filter(r -> r.metric().equals("explode")).toList();
        assertThat(explode).hasSize(6).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo("faulty.explode");
            assertThat(r.error()).isEqualTo(FAILURE);
            assertThat(r.values()).isEmpty();
        });
        List<WindowResult> counts = results.stream().filter(r -> r.metric().equals("core.count")).toList();
        assertThat(counts).extracting(r -> r.values().get("count")).containsExactly(48.0, 48.0, 48.0, 48.0, 48.0, 240.0);
        assertThat(counts).allSatisfy(r -> assertThat(r.error()).isNull());
        List<WindowResult> rates = results.stream().filter(r -> r.metric().equals("core.error_rate")).toList();
        assertThat(rates).extracting(r -> r.values().get("rate")).containsOnly(0.125);
        assertThat(rates).hasSize(6).allSatisfy(r -> assertThat(r.error()).isNull());
    }

    @Test
    void aMetricWhoseAddThrowsInAPluginJarIsReportedByRun() throws IOException {
        PredictionLog.write(dir, BAD_RECORD, 5000);
        PluginJars.write(dir.resolve("plugins"), "faulty", ExplodingPlugin.class, ExplodingPlugin.class);
        Path config = Files.writeString(dir.resolve("monitors.yaml"), "plugins: { dir: plugins }\n" + MONITOR
                + "sinks: [ { type: jsonl, path: out/results.jsonl }, { type: console } ]\n");

        Cli cli = Cli.run("run", "-c", config.toString());

        assertThat(cli.code()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("monitor checkout: 240 records\nerror: " + FAILURE + "\n");
        assertThat(cli.out()).contains("  explode                FAILED: " + FAILURE + "\n");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out/results.jsonl"))) {
            rows.add(new ObjectMapper().readTree(line));
        }
        assertThat(rows).hasSize(18);
        assertThat(rows).filteredOn(r -> r.get("metric").asText().equals("explode")).hasSize(6)
                .allSatisfy(r -> assertThat(r.get("error").asText()).isEqualTo(FAILURE));
        assertThat(rows).filteredOn(r -> !r.get("metric").asText().equals("explode")).hasSize(12)
                .allSatisfy(r -> {
                    assertThat(r.has("error")).isFalse();
                    assertThat(r.get("count").asLong()).isPositive();
                });
    }

    @Test
    void theSameLogWithoutTheBadRecordRunsClean() throws IOException {
        PredictionLog.write(dir);
        PluginJars.write(dir.resolve("plugins"), "faulty", ExplodingPlugin.class, ExplodingPlugin.class);
        Path config = Files.writeString(dir.resolve("monitors.yaml"), "plugins: { dir: plugins }\n" + MONITOR
                + "sinks: [ { type: jsonl, path: out/results.jsonl } ]\n");

        Cli cli = Cli.run("run", "-c", config.toString());

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out/results.jsonl"))).doesNotContain("\"error\"");
        JsonNode day1 = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("out/results.jsonl")).stream()
                .filter(l -> l.contains("\"metric\":\"explode\"")).findFirst().orElseThrow());
        assertThat(day1.get("values").get("sum").asDouble()).as("12 each of 100, 110, 120, 130").isEqualTo(5520.0);
        assertThat(day1.get("tables").get("summary").toString()).isEqualTo("[{\"n\":48,\"share\":0.5}]");
    }

    private Path brokenPluginsAndConfig(String onError) throws IOException {
        PredictionLog.write(dir);
        // A plugin jar with a manifest but no META-INF/services entry: nothing to load.
        PluginJars.write(dir.resolve("plugins"), "broken", null, ExplodingPlugin.class);
        return Files.writeString(dir.resolve("monitors.yaml"), "plugins: { dir: plugins, on-error: " + onError + " }\n"
                + """
                monitors:
                  - name: checkout
                    source: { path: data/predictions.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    window: { size: 1d }
                    metrics: [ { type: core.latency } ]
                sinks: [ { type: jsonl, path: out/results.jsonl } ]
                """);
    }

    @Test
    void aBrokenPluginIsSkippedWithOnErrorSkip() throws IOException {
        Path config = brokenPluginsAndConfig("skip");

        Cli validate = Cli.run("validate", "-c", config.toString());
        Cli run = Cli.run("run", "-c", config.toString());

        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).isEqualTo("monitor checkout: 240 records\n");
        assertThat(Files.readAllLines(dir.resolve("out/results.jsonl"))).hasSize(6);
    }

    @Test
    void aBrokenPluginStopsTheStartWithOnErrorFail() throws IOException {
        Path config = brokenPluginsAndConfig("fail");

        for (String command : List.of("validate", "run")) {
            Cli cli = Cli.run(command, "-c", config.toString());

            assertThat(cli.code()).as(cli.toString()).isEqualTo(2);
            assertThat(cli.err()).as(command).isEqualTo("modelwatch: 1 configuration error:\n  " + config
                    + ":1: plugins: Plugin 'broken' in plugin folder '" + dir.resolve("plugins/broken") + "' (jars:"
                    + " broken.jar) has no MonitorPlugin provider: no jar lists one in"
                    + " META-INF/services/io.modelwatch.api.MonitorPlugin. Expected that file in the plugin jar"
                    + " broken.jar, holding the fully qualified name of the plugin's class that implements"
                    + " io.modelwatch.api.MonitorPlugin. Add it, and rebuild the plugin. Or set plugins.on-error:"
                    + " skip to start without the plugins that fail.\n");
        }
        assertThat(dir.resolve("out/results.jsonl")).doesNotExist();
    }

    @Test
    void aMissingPluginsFolderIsAConfigurationError() throws IOException {
        Path config = Files.writeString(dir.resolve("monitors.yaml"), """
                monitors:
                  - name: checkout
                    source: { path: data/predictions.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                plugins:
                  dir: no-such-plugins
                """);

        Cli cli = Cli.run("validate", "-c", config.toString());

        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("modelwatch: 1 configuration error:\n  " + config + ":7: plugins.dir: plugins folder "
                + dir.resolve("no-such-plugins") + " does not exist; create it or change plugins.dir\n");
    }

    @Test
    void pluginsCommandShowsTheBrokenPluginAndItsProblem() throws IOException {
        PluginJars.write(dir.resolve("plugins"), "broken", null, ExplodingPlugin.class);
        PluginJars.write(dir.resolve("plugins"), "faulty", ExplodingPlugin.class, ExplodingPlugin.class);

        Cli cli = Cli.run("plugins", "--plugins", dir.resolve("plugins").toString());

        assertThat(cli.code()).as(cli.toString()).isEqualTo(1);
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(1)).startsWith("core ").contains("(built in)");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("broken ").contains(dir.resolve("plugins/broken")
                .toString()));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("           problem: ").contains("broken.jar"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(String.format("%-10s %-16s %-5s %-8s %-40s %s",
                "faulty", "0.9.0", io.modelwatch.api.ApiVersion.current(), "loaded", dir.resolve("plugins/faulty"),
                "faulty.explode")));
    }

    @Test
    void metricsCommandListsTypesOfFolderPlugins() throws IOException {
        PluginJars.write(dir.resolve("plugins"), "faulty", ExplodingPlugin.class, ExplodingPlugin.class);
        Path config = Files.writeString(dir.resolve("m.yaml"), "plugins: { dir: plugins }\nmonitors: []\n");

        Cli cli = Cli.run("metrics", "-c", config.toString(), "faulty.explode");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out()).startsWith("faulty.explode  (plugin faulty)\n").contains(
                "  inputs (map each under fields:):\n    latency                number     required  a latency\n",
                "    limit                  number                   default 1000.0     latencies above this throw\n");
    }
}
