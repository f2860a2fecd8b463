package io.modelwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.core.config.ConfigError;
import io.modelwatch.core.config.ConfigLoader;
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
 * Alert rules and channels checked at start, through the path {@code modelwatch validate} and
 * {@code run} take (YAML → {@link ConfigLoader} → {@link PlanBuilder}). Each test asserts the
 * exact lines printed.
 */
class AlertValidationTest {
    private static final String LATENCY_OUTPUTS = "Outputs: mean, min, max, p50, p90, p95, p99; also count, rejected.";
    private static final String PREFIXES = "(baseline., delta., significant., interval.lo., interval.hi.,"
            + " delta_interval.lo., delta_interval.hi., drift.).";

    private final PluginManager plugins = new PluginManager();
    @TempDir
    Path dir;

    AlertValidationTest() {
        plugins.install(new CorePlugin());
        plugins.install(new PatternsPlugin());
    }

    @AfterEach
    void close() {
        plugins.close();
    }

    private record Result(List<MonitorPlan> plans, List<String> errors) {
    }

    private Result validate(String yaml) {
        ConfigLoader.Loaded loaded = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, Path.of("monitors.yaml"));
        List<MonitorPlan> plans = new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), dir);
        return new Result(plans, loaded.errors().errors().stream().map(ConfigError::toString).toList());
    }

    /** A windowed latency monitor with a baseline; the alerts of its metric start on line 9. */
    private List<String> latencyAlerts(String alerts) {
        return validate("""
                monitors:
                  - name: checkout
                    source: { type: jsonl, path: data/p.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    window: { size: 1h }
                    baseline: { previous: 1 }
                    metrics:
                      - type: core.latency
                        alerts:
                """ + alerts.indent(4)).errors();
    }

    @Test
    void validRulesBuildThePlan() {
        Result r = validate("""
                monitors:
                  - name: checkout
                    source: { type: jsonl, path: data/p.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    window: { size: 1h }
                    baseline: { previous: 1 }
                    metrics:
                      - type: core.latency
                        alerts:
                          - { when: "p99 > 250", for: 2 }
                          - { name: slower, when: "delta.p99 > 20 and significant.p99 or interval.lo.mean > 100" }
                          - { when: "count < 10 or rejected > 0 or max > 1000" }
                      - type: test.patterns
                        alerts:
                          - when: "hit_rate@10 < 0.2 and precision_1 > 1 and confidence_p95 < 0.9 and users@5 > 0"
                          - when: "delta.hit_rate@10 < -0.05 and delta_interval.hi.hit_rate@10 < 0"
                      - type: test.undeclared
                        alerts: [ { when: "anything.at_all > 1" } ]
                """);

        assertThat(r.errors()).isEmpty();
        assertThat(r.plans()).hasSize(1);
    }

    @Test
    void significantTrueNeedsAChangeFromTheBaselineAndTheIntervals() {
        assertThat(latencyAlerts("""
                      - { when: "delta.p99 > 20", significant: true }
                      - { when: "p99 > 250", significant: true }
                """)).containsExactly(
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1].significant: significant: true needs a change from"
                        + " the baseline in the condition, such as delta.score < -2 (it then also requires"
                        + " significant.score)");
        assertThat(validate("""
                monitors:
                  - name: checkout
                    source: { type: jsonl, path: data/p.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    window: { size: 1h }
                    baseline: { previous: 1 }
                    intervals: { enabled: false }
                    metrics:
                      - type: core.latency
                        alerts: [ { when: "delta.p99 > 20", significant: true } ]
                """).errors()).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].significant: significant: true needs the monitor's"
                        + " intervals, which are off (intervals: { enabled: false })");
    }

    @Test
    void aSyntaxErrorIsReportedAtTheRulesWhenWithItsColumn() {
        assertThat(latencyAlerts("""
                      - { when: "p99 > " }
                      - when: "p99 > 250 && p50 > 100"
                """)).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].when: expected a number or an output name at"
                        + " column 7: \"p99 > \" ← here",
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1].when: '&&' is not an operator; write 'and' at"
                        + " column 11: \"p99 > 250 \" ← here \"&& p50 > 100\"");
    }

    @Test
    void anUnknownOutputHasADidYouMeanAndTheOutputs() {
        assertThat(latencyAlerts("""
                      - when: "p999 > 250"
                      - when: "delta.maen < 0 or p99 > 1"
                      - when: "latency > 1"
                """)).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].when: 'p999' at column 1 names no output of"
                        + " core.latency. Did you mean 'p99'? " + LATENCY_OUTPUTS,
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1].when: 'delta.maen' at column 1 names no output of"
                        + " core.latency. Did you mean 'delta.mean'? " + LATENCY_OUTPUTS,
                "monitors.yaml:12: monitors[0].metrics[0].alerts[2].when: 'latency' at column 1 names no output of"
                        + " core.latency. " + LATENCY_OUTPUTS);
    }

    @Test
    void aWrongPrefixIsNamedAsSuch() {
        assertThat(latencyAlerts("""
                      - when: "delat.p99 > 1"
                      - when: "p99 > 1 and drfit.p99 < -2"
                """)).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].when: 'delat.p99' at column 1 names no output of"
                        + " core.latency. 'delat.' is not a prefix " + PREFIXES + " Did you mean 'delta.p99'? "
                        + LATENCY_OUTPUTS,
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1].when: 'drfit.p99' at column 13 names no output of"
                        + " core.latency. 'drfit.' is not a prefix " + PREFIXES + " Did you mean 'drift.p99'? "
                        + LATENCY_OUTPUTS);
    }

    @Test
    void forBelowOneAndAMissingWhen() {
        assertThat(latencyAlerts("""
                      - { when: "p99 > 250", for: 0 }
                      - { for: 2 }
                      -
                """)).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].for: must be at least 1 (the consecutive windows"
                        + " the condition must hold before the alert fires)",
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1]: an alert rule needs a condition, such as"
                        + " { when: \"score < 25\", for: 2 }",
                "monitors.yaml:12: monitors[0].metrics[0].alerts[2]: an alert rule needs a condition, such as"
                        + " { when: \"score < 25\", for: 2 }");
    }

    @Test
    void twoRulesWithOneNameAreRefused() {
        assertThat(latencyAlerts("""
                      - { when: "p99 > 250" }
                      - { when: "p99 > 250", for: 3 }
                """)).containsExactly(
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1]: two alert rules of this metric are named"
                        + " 'p99 > 250'; give one a different name with name:");
    }

    @Test
    void aValueThatCanNeverExistIsAnError() {
        assertThat(validate("""
                monitors:
                  - name: checkout
                    source: { type: jsonl, path: data/p.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    window: { size: 1h }
                    intervals: { enabled: false }
                    metrics:
                      - type: core.latency
                        alerts:
                          - when: "delta.p99 > 10 or significant.p50"
                          - when: "interval.hi.p99 > 300"
                """).errors()).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].when: 'delta.p99' at column 1 is always undefined:"
                        + " the monitor has no baseline (add one, such as baseline: { previous: 1 })",
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].when: 'significant.p50' at column 19 is always"
                        + " undefined: the monitor has no baseline (add one, such as baseline: { previous: 1 })",
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1].when: 'interval.hi.p99' at column 1 is always"
                        + " undefined: the monitor's intervals are off (intervals: { enabled: false })");
        assertThat(latencyAlerts("""
                      - when: "delta.max > 10"
                """)).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].when: 'delta.max' at column 1 is always undefined:"
                        + " 'max' is descriptive (a count, total or extreme), which gets no interval and no baseline"
                        + " comparison");
    }

    @Test
    void placeholderOutputsTakeANumber() {
        assertThat(validate("""
                monitors:
                  - name: recs
                    source: { type: jsonl, path: data/p.jsonl }
                    fields: { time: /ts }
                    window: { size: 1h }
                    baseline: { previous: 1 }
                    metrics:
                      - type: test.patterns
                        alerts:
                          - when: "hit_rate@k < 0.2"
                          - when: "hit_rate < 0.2"
                          - when: "significant.users@10"
                """).errors()).containsExactly(
                "monitors.yaml:10: monitors[0].metrics[0].alerts[0].when: 'hit_rate@k' at column 1 is a placeholder:"
                        + " write a number in its place, such as hit_rate@10",
                "monitors.yaml:11: monitors[0].metrics[0].alerts[1].when: 'hit_rate' at column 1 names no output of"
                        + " test.patterns. Did you mean 'hit_rate@k'? Outputs: score, hit_rate@k, precision_n,"
                        + " confidence_p<percentile>, users@k; also count, rejected. In a name such as hit_rate@k,"
                        + " write a number in its place: hit_rate@10.",
                "monitors.yaml:12: monitors[0].metrics[0].alerts[2].when: 'significant.users@10' at column 1 is always"
                        + " undefined: 'users@k' is descriptive (a count, total or extreme), which gets no interval and"
                        + " no baseline comparison");
    }

    @Test
    void channelsAreChecked() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        assertThat(validate("""
                monitors:
                  - name: checkout
                    source: { type: jsonl, path: data/p.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: core.count } ]
                alerting:
                  channels:
                    - { type: webhok, url: "https://hooks.example.com/x" }
                    - { type: webhook }
                    - { type: webhook, url: "ftp://files.example.com/x", timeout: 0s, retries: -1 }
                    - type: webhook
                      url: "http://127.0.0.1:9000/alerts"
                      headers: { Authorization: "Bearer t0ken", Host: example.com, Content-Type: text/plain }
                    - { type: log, url: "https://hooks.example.com/x" }
                    - { type: jsonl, path: out }
                    - { type: jsonl, path: out/alerts.jsonl }
                    - { type: jsonl, path: ./out/alerts.jsonl }
                    -
                """).errors()).containsExactly(
                "monitors.yaml:8: alerting.channels[0].type: unknown channel type 'webhok'. Did you mean 'webhook'?"
                        + " Available: jsonl, log, webhook",
                "monitors.yaml:9: alerting.channels[1]: a webhook channel needs a url, such as url:"
                        + " https://hooks.example.com/modelwatch",
                "monitors.yaml:10: alerting.channels[2].url: 'ftp://files.example.com/x' is not an http or https URL"
                        + " with a host, such as https://hooks.example.com/modelwatch",
                "monitors.yaml:10: alerting.channels[2].timeout: must be positive, such as 5s",
                "monitors.yaml:10: alerting.channels[2].retries: must be 0 or more",
                "monitors.yaml:13: alerting.channels[3].headers.Host: 'Host' is set by the HTTP client and cannot be"
                        + " configured",
                "monitors.yaml:13: alerting.channels[3].headers.Content-Type: a webhook always sends Content-Type:"
                        + " application/json",
                "monitors.yaml:14: alerting.channels[4].url: a log channel takes no url",
                "monitors.yaml:15: alerting.channels[5].path: " + dir.resolve("out") + " is a folder; name a file,"
                        + " such as out/alerts.jsonl",
                "monitors.yaml:17: alerting.channels[7].path: alerting.channels[6] writes "
                        + dir.resolve("out/alerts.jsonl") + " already; use one channel per file",
                "monitors.yaml:18: alerting.channels[8]: a channel needs a type: one of jsonl, log, webhook");
    }
}
