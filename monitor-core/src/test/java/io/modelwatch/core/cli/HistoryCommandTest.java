package io.modelwatch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.core.config.StoreConfig;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.JsonlSink;
import io.modelwatch.core.store.PostgresSchema;
import io.modelwatch.core.store.ResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelwatch history}: the three formats, the filters and every way of asking wrongly. */
class HistoryCommandTest {
    private static final String CONFIG = """
            data-dir: state
            monitors:
              - name: checkout-latency
                model: ranker-v3
                source: { path: predictions.jsonl }
                fields: { time: /ts, latency: /latency_ms, failed: /error }
                metrics:
                  - type: core.latency
                  - { name: errors, type: core.error_rate }
                  - type: core.count
            """;

    @TempDir
    Path dir;

    private Path config;
    private WindowResult latency4;
    private WindowResult errors4;
    private WindowResult latency5;
    private WindowResult failed5;

    @BeforeEach
    void storeSomeResults() throws IOException {
        config = Files.writeString(dir.resolve("mw.yaml"), CONFIG);
        latency4 = result("core.latency", "core.latency", Map.of(), "2026-11-04", 2000, 0,
                values("mean", 61.54, "p50", 52.2, "p99", null), Map.of("mean", true, "p50", false), null);
        errors4 = result("errors", "core.error_rate", Map.of(), "2026-11-04", 2000, 0,
                values("rate", 0.0125, "errors", 25.0), Map.of(), null);
        latency5 = result("core.latency", "core.latency", Map.of("country", "de"), "2026-11-05", 950, 3,
                values("mean", 1234.5678, "p50", 38.0, "p99", null), Map.of("mean", false), null);
        failed5 = result("errors", "core.error_rate", Map.of("country", "de"), "2026-11-05", 0, 0, values(), Map.of(),
                "metric failed: boom (plugin core)");
        WindowResult elsewhere = result("core.count", "core.count", Map.of(), "2026-11-04", 10, 0,
                values("count", 10.0), Map.of(), null);
        elsewhere = new WindowResult("search-quality", elsewhere.model(), elsewhere.metric(), elsewhere.type(),
                elsewhere.segment(), elsewhere.windowStart(), elsewhere.windowEnd(), elsewhere.scope(),
                elsewhere.count(), elsewhere.rejected(), elsewhere.values(), elsewhere.intervals(),
                elsewhere.baseline(), elsewhere.delta(), elsewhere.deltaIntervals(), elsewhere.significant(),
                elsewhere.tables(), elsewhere.error());
        try (ResultStore store = ResultStore.open(new StoreConfig(null, null, null, null, null), dir.resolve("state"))) {
            store.saveResults(List.of(latency5, failed5));
            store.saveResults(List.of(latency4, errors4));
            store.saveResults(List.of(elsewhere));
        }
    }

    @Test
    void tableShowsOneAlignedRowPerResultWithSignificanceMarks() {
        Cli cli = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).isEqualTo("""
                monitor 'checkout-latency': 4 results
                window start          window end            segment     metric        count  values
                2026-11-04T00:00:00Z  2026-11-05T00:00:00Z  -           core.latency   2000  mean=61.540* p50=52.200 p99=-
                2026-11-04T00:00:00Z  2026-11-05T00:00:00Z  -           errors         2000  rate=0.0125 errors=25
                2026-11-05T00:00:00Z  2026-11-06T00:00:00Z  country=de  core.latency    950  mean=1234.6 p50=38 p99=-  (3 rejected)
                2026-11-05T00:00:00Z  2026-11-06T00:00:00Z  country=de  errors            0  FAILED: metric failed: boom (plugin core)
                * differs significantly from the baseline
                """);
    }

    @Test
    void jsonlPrintsTheStoredLines() {
        Cli cli = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--format", "jsonl");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out()).isEqualTo(JsonlSink.toJson(latency4) + "\n" + JsonlSink.toJson(errors4) + "\n"
                + JsonlSink.toJson(latency5) + "\n" + JsonlSink.toJson(failed5) + "\n");
    }

    @Test
    void htmlPrintsTheReportOfTheStoredResults() throws Exception {
        Cli cli = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--format", "html");

        assertThat(cli.code()).as(cli.toString()).isZero();
        org.w3c.dom.Document d = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(cli.out())));
        javax.xml.xpath.XPath x = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(x.evaluate("/html/head/title", d)).isEqualTo("ModelWatch report: monitor 'checkout-latency'");
        assertThat(x.evaluate("count(//section)", d)).isEqualTo("1");
        // Two metrics, each unsegmented on one day and for country=de on the next: four series of one
        // window (too few for a chart); the failed metric says why.
        assertThat(x.evaluate("count(//table[@class='summary']/tbody/tr)", d)).isEqualTo("4");
        assertThat(x.evaluate("//table[@class='summary']/tbody/tr[1]/td[6]", d)).isEqualTo("mean=61.54 p50=52.2 p99=–");
        assertThat(x.evaluate("//table[@class='summary']/tbody/tr[1]//span[@class='value sig']", d)).isEqualTo("mean=61.54");
        assertThat(x.evaluate("//table[@class='summary']/tbody/tr[4]/td[2]", d)).isEqualTo("country=de");
        assertThat(x.evaluate("//table[@class='summary']/tbody/tr[4]/td[6]", d))
                .isEqualTo("failed: metric failed: boom (plugin core)");
        assertThat(x.evaluate("count(//figure)", d)).isEqualTo("0");
    }

    @Test
    void csvHasARowPerResultAndOutput() {
        Cli cli = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--format", "CSV");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out()).isEqualTo("""
                monitor,model,metric,type,segment,window_start,window_end,scope,count,rejected,output,value,low,high,\
                baseline,delta,delta_low,delta_high,significant,error
                checkout-latency,ranker-v3,core.latency,core.latency,{},2026-11-04T00:00:00Z,2026-11-05T00:00:00Z,\
                window,2000,0,mean,61.54,58.6,64.5,40,21.54,18,25,true,
                checkout-latency,ranker-v3,core.latency,core.latency,{},2026-11-04T00:00:00Z,2026-11-05T00:00:00Z,\
                window,2000,0,p50,52.2,,,,,,,false,
                checkout-latency,ranker-v3,core.latency,core.latency,{},2026-11-04T00:00:00Z,2026-11-05T00:00:00Z,\
                window,2000,0,p99,,,,,,,,,
                checkout-latency,ranker-v3,errors,core.error_rate,{},2026-11-04T00:00:00Z,2026-11-05T00:00:00Z,\
                window,2000,0,rate,0.0125,,,,,,,,
                checkout-latency,ranker-v3,errors,core.error_rate,{},2026-11-04T00:00:00Z,2026-11-05T00:00:00Z,\
                window,2000,0,errors,25,,,,,,,,
                checkout-latency,ranker-v3,core.latency,core.latency,"{""country"":""de""}",2026-11-05T00:00:00Z,\
                2026-11-06T00:00:00Z,window,950,3,mean,1234.5678,58.6,64.5,40,21.54,18,25,false,
                checkout-latency,ranker-v3,core.latency,core.latency,"{""country"":""de""}",2026-11-05T00:00:00Z,\
                2026-11-06T00:00:00Z,window,950,3,p50,38,,,,,,,,
                checkout-latency,ranker-v3,core.latency,core.latency,"{""country"":""de""}",2026-11-05T00:00:00Z,\
                2026-11-06T00:00:00Z,window,950,3,p99,,,,,,,,,
                checkout-latency,ranker-v3,errors,core.error_rate,"{""country"":""de""}",2026-11-05T00:00:00Z,\
                2026-11-06T00:00:00Z,window,0,0,,,,,,,,,,metric failed: boom (plugin core)
                """);
    }

    @Test
    void metricSinceAndLimitFilter() {
        long nov5 = Instant.parse("2026-11-05T00:00:00Z").getEpochSecond();
        Cli metric = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--metric", "errors",
                "--format", "jsonl");
        Cli since = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--since",
                Long.toString(nov5), "--format", "jsonl");
        Cli limit = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--metric",
                "core.latency", "--since", "2026-11-04T00:00:00Z", "--limit", "1");
        Cli none = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--metric",
                "core.count");

        assertThat(metric.out()).as(metric.toString())
                .isEqualTo(JsonlSink.toJson(errors4) + "\n" + JsonlSink.toJson(failed5) + "\n");
        assertThat(since.out()).as(since.toString())
                .isEqualTo(JsonlSink.toJson(latency5) + "\n" + JsonlSink.toJson(failed5) + "\n");
        assertThat(limit.out()).as(limit.toString()).isEqualTo("""
                monitor 'checkout-latency', metric 'core.latency', since 2026-11-04T00:00:00Z: 1 result
                window start          window end            segment     metric        count  values
                2026-11-05T00:00:00Z  2026-11-06T00:00:00Z  country=de  core.latency    950  mean=1234.6 p50=38 p99=-  (3 rejected)
                (the latest 1; --limit or --since show others)
                """);
        // core.count is configured but has stored nothing yet: not an error.
        assertThat(none.code()).as(none.toString()).isZero();
        assertThat(none.out()).isEqualTo("no stored results for monitor 'checkout-latency', metric 'core.count'\n");
    }

    @Test
    void aMonitorOnlyTheStoreKnowsCanBeShown() {
        Cli cli = Cli.run("history", "-c", config.toString(), "--monitor", "search-quality", "--format", "csv");

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out().lines()).hasSize(2).last().asString().startsWith("search-quality,ranker-v3,core.count,");
    }

    @Test
    void anUnknownMonitorOrMetricListsTheKnownOnesWithADidYouMean() {
        Cli monitor = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latncy");
        Cli metric = Cli.run("history", "-c", config.toString(), "--monitor", "checkout-latency", "--metric", "eror");

        assertThat(monitor.code()).isEqualTo(2);
        assertThat(monitor.out()).isEmpty();
        assertThat(monitor.err()).isEqualTo("modelwatch: unknown monitor 'checkout-latncy'. Did you mean"
                + " 'checkout-latency'? Known monitors: checkout-latency, search-quality\n");
        assertThat(metric.code()).isEqualTo(2);
        assertThat(metric.err()).isEqualTo("modelwatch: unknown metric 'eror' of monitor 'checkout-latency'. Did you"
                + " mean 'errors'? Known metrics: core.count, core.latency, errors\n");
    }

    @Test
    void aMissingDatabaseSaysWhatToRun() throws IOException {
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        Path other = Files.writeString(fresh.resolve("mw.yaml"), CONFIG);

        Cli cli = Cli.run("history", "-c", other.toString(), "--monitor", "checkout-latency");

        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("modelwatch: no results database at " + fresh.resolve("state/modelwatch.db")
                + ": nothing has been stored for " + other + " yet; run its monitors first (modelwatch run -c " + other
                + ")\n");
        assertThat(fresh.resolve("state")).as("reading creates nothing").doesNotExist();
    }

    @Test
    void aStoreThatIsOffIsNamed() throws IOException {
        Path off = Files.writeString(dir.resolve("off.yaml"), CONFIG + "store: { enabled: false }\n");

        Cli cli = Cli.run("history", "-c", off.toString(), "--monitor", "checkout-latency");

        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("modelwatch: the results store is off in " + off + " (store.enabled: false),"
                + " so no history is kept; remove that line or set it to true, and run the monitors\n");
    }

    @Test
    void anUnreachableServerIsARunFailureWithTheStoresMessage() throws IOException {
        Path remote = Files.writeString(dir.resolve("remote.yaml"), CONFIG
                + "store: { url: \"jdbc:postgresql://127.0.0.1:1/test\", user: postgres, password: hidden }\n");

        Cli cli = Cli.run("history", "-c", remote.toString(), "--monitor", "checkout-latency");

        assertThat(cli.code()).isEqualTo(1);
        assertThat(cli.err()).startsWith("modelwatch: cannot open the results store at jdbc:postgresql://127.0.0.1:1/test: ")
                .contains("Check that the PostgreSQL server is running").doesNotContain("hidden");
    }

    @Test
    void retentionIsNotAppliedWhenReading() throws IOException {
        Path keeping = Files.writeString(dir.resolve("retention.yaml"), CONFIG + "store: { retention: 1d }\n");

        Cli cli = Cli.run("history", "-c", keeping.toString(), "--monitor", "checkout-latency", "--format", "jsonl");

        assertThat(cli.out().lines()).as(cli.toString()).hasSize(4);
    }

    @Test
    void badOptionsAndConfigurationsAreUsageErrors() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), CONFIG + "stor: {}\n");
        String c = config.toString();
        Cli since = Cli.run("history", "-c", c, "--monitor", "checkout-latency", "--since", "yesterday");
        Cli format = Cli.run("history", "-c", c, "--monitor", "checkout-latency", "--format", "xml");
        Cli limit = Cli.run("history", "-c", c, "--monitor", "checkout-latency", "--limit", "0");
        Cli noMonitor = Cli.run("history", "-c", c);
        Cli badConfig = Cli.run("history", "-c", bad.toString(), "--monitor", "checkout-latency");

        assertThat(List.of(since, format, limit, noMonitor, badConfig)).extracting(Cli::code).containsOnly(2);
        assertThat(since.err()).startsWith("Invalid value for option '--since': 'yesterday' is not a timestamp; write"
                + " ISO-8601 with a zone, such as 2026-11-01T00:00:00Z, or epoch milliseconds or seconds\n");
        assertThat(format.err()).startsWith("Invalid value for option '--format': 'xml' is not a format; choose table,"
                + " jsonl, csv or html\n");
        assertThat(limit.err()).startsWith("--limit must be at least 1, got 0\nUsage: modelwatch history");
        assertThat(noMonitor.err()).startsWith("Missing required option: '--monitor=NAME'\n");
        assertThat(badConfig.err()).startsWith("modelwatch: 1 configuration error:\n  " + bad + ":11: stor: unknown key"
                + " 'stor'. Did you mean 'store'?");
    }

    @Test
    void helpNamesTheOptionsAndTheTopLevelListsTheCommand() {
        Cli help = Cli.run("history", "--help");
        Cli top = Cli.run("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: modelwatch history [-hV] -c=<config> [--format=FORMAT] [--limit=N]\n"
                + "                          [--metric=NAME] --monitor=NAME [--since=TIME]\n")
                .contains("default: table", "(default: 100)");
        assertThat(top.out().lines().map(String::strip)).anyMatch(l -> l.startsWith("history "));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = PostgresSchema.URL_VARIABLE, matches = ".+",
            disabledReason = "needs a PostgreSQL server: set MODELWATCH_TEST_POSTGRES_URL (.ci/run does)")
    void readsAPostgresqlStore() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            StoreConfig store = new StoreConfig(null, schema.url(), null, null, null);
            try (ResultStore results = ResultStore.open(store, dir.resolve("unused"))) {
                results.saveResults(List.of(latency4, errors4));
            }
            Path pg = Files.writeString(dir.resolve("pg.yaml"), CONFIG + "store: { url: \"" + schema.url() + "\" }\n");

            Cli cli = Cli.run("history", "-c", pg.toString(), "--monitor", "checkout-latency", "--format", "jsonl");

            assertThat(cli.code()).as(cli.toString()).isZero();
            assertThat(cli.out()).isEqualTo(JsonlSink.toJson(latency4) + "\n" + JsonlSink.toJson(errors4) + "\n");
        }
    }

    /** A day-long window of the test monitor; outputs that have a baseline get the same interval and delta. */
    private static WindowResult result(String metric, String type, Map<String, String> segment, String day, long count,
                                       long rejected, Map<String, Double> values, Map<String, Boolean> significant,
                                       String error) {
        Instant start = Instant.parse(day + "T00:00:00Z");
        Map<String, double[]> intervals = new LinkedHashMap<>();
        Map<String, Double> baseline = new LinkedHashMap<>();
        Map<String, Double> delta = new LinkedHashMap<>();
        Map<String, double[]> deltaIntervals = new LinkedHashMap<>();
        for (String output : significant.keySet()) {
            intervals.put(output, new double[] {58.6, 64.5});
            baseline.put(output, 40.0);
            delta.put(output, 21.54);
            deltaIntervals.put(output, new double[] {18.0, 25.0});
        }
        // Only 'mean' carries the comparison; 'p50' just a significance flag (as when it was not tested).
        intervals.keySet().retainAll(List.of("mean"));
        baseline.keySet().retainAll(List.of("mean"));
        delta.keySet().retainAll(List.of("mean"));
        deltaIntervals.keySet().retainAll(List.of("mean"));
        return new WindowResult("checkout-latency", "ranker-v3", metric, type, segment, start,
                start.plusSeconds(86_400), "window", count, rejected, values, intervals, baseline, delta,
                deltaIntervals, significant, Map.of(), error);
    }

    private static Map<String, Double> values(Object... pairs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return values;
    }
}
