package io.modelwatch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code run} writes results: top-level and per-monitor sinks, shared files, the default console. */
class SinksTest {
    @TempDir
    Path dir;

    @BeforeEach
    void log() {
        PredictionLog.write(dir);
    }

    private List<JsonNode> rows(String file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(file))) {
            rows.add(new ObjectMapper().readTree(line)); // throws if two writers interleaved their bytes
        }
        return rows;
    }

    private Cli run(String yaml) throws IOException {
        return Cli.run("run", "-c", Files.writeString(dir.resolve("monitors.yaml"), yaml).toString());
    }

    private static String monitor(String name, String sinks) {
        return """
                  - name: %s
                    source: { path: data/predictions.jsonl }
                    fields: { time: /ts, latency: /latency_ms }
                    window: { size: 1d }
                    metrics: [ { type: core.latency } ]
                """.formatted(name) + (sinks.isEmpty() ? "" : "    sinks: " + sinks + "\n");
    }

    @Test
    void anHtmlSinkWritesOnePageWithEveryMonitorsChartsAtTheEnd() throws Exception {
        Cli cli = run("sinks: [ { type: html } ]\nmonitors:\n" + monitor("a", "") + monitor("b", "[ { type: html, path: out/b.html } ]"));

        assertThat(cli.code()).as(cli.toString()).isZero();
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        org.w3c.dom.Document all = f.newDocumentBuilder().parse(dir.resolve("data/report.html").toFile());
        javax.xml.xpath.XPath x = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(x.evaluate("count(//section)", all)).isEqualTo("2");
        assertThat(x.evaluate("//section[1]/h2", all)).isEqualTo("a");
        // Five daily windows: a chart per latency output, and a row per window.
        assertThat(x.evaluate("count(//section[1]//figure)", all)).isEqualTo("7");
        assertThat(x.evaluate("count(//section[1]//table[@class='windows']/tbody/tr)", all)).isEqualTo("5");
        org.w3c.dom.Document own = f.newDocumentBuilder().parse(dir.resolve("out/b.html").toFile());
        assertThat(x.evaluate("count(//section)", own)).isEqualTo("1");
        assertThat(x.evaluate("//section/h2", own)).isEqualTo("b");
        assertThat(Files.exists(dir.resolve("out/b.html.tmp"))).isFalse();
    }

    @Test
    void twoMonitorsWritingOneFileShareOneWriter() throws IOException {
        Cli cli = run("monitors:\n" + monitor("a", "[ { type: jsonl, path: out/all.jsonl } ]")
                + monitor("b", "[ { type: jsonl, path: ./out/../out/all.jsonl } ]"));

        assertThat(cli.code()).as(cli.toString()).isZero();
        // Five daily windows and the whole input per monitor, each monitor's report whole, in configuration order.
        assertThat(rows("out/all.jsonl")).extracting(r -> r.get("monitor").asText())
                .containsExactly("a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b");
    }

    @Test
    void aFileNamedAtTheTopAndInAMonitorGetsThatMonitorsResultsOnce() throws IOException {
        Cli cli = run("monitors:\n" + monitor("a", "[ { type: jsonl, path: out/r.jsonl }, { type: console } ]")
                + monitor("b", "[ { type: jsonl, path: out/b.jsonl } ]")
                + "sinks: [ { type: jsonl, path: out/r.jsonl }, { type: console } ]\n");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(rows("out/r.jsonl")).extracting(r -> r.get("monitor").asText())
                .containsExactly("a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b");
        assertThat(rows("out/b.jsonl")).extracting(r -> r.get("monitor").asText()).containsOnly("b").hasSize(6);
        assertThat(cli.out().lines().filter(l -> l.startsWith("a (a)  window 2026-11-01 00:00"))).hasSize(1);
        assertThat(cli.out().lines().filter(l -> l.startsWith("b (b)  window 2026-11-01 00:00"))).hasSize(1);
    }

    @Test
    void withoutAnySinkResultsGoToTheConsole() throws IOException {
        Cli cli = run("monitors:\n" + monitor("a", ""));

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("a (a)  window 2026-11-05 00:00 -> 2026-11-06 00:00  records 48\n",
                "a (a)  whole input 2026-11-01 00:00 -> 2026-11-05 23:30  records 240\n");
    }

    @Test
    void aJsonlSinkWithoutAPathWritesResultsIntoTheDataDir() throws IOException {
        Cli cli = run("data-dir: run-data\nmonitors:\n" + monitor("a", "") + "sinks: [ { type: jsonl } ]\n");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(rows("run-data/results.jsonl")).hasSize(6);
    }
}
