package io.modelwatch.core.server;

import static io.modelwatch.core.kernel.CountersFixture.counters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.config.Mode;
import io.modelwatch.core.config.ServerConfig;
import io.modelwatch.core.kernel.MonitorCounters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServiceTest {
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final InMemoryServiceView view = new InMemoryServiceView();
    private final MonitorCounters translateCounters = counters("translate", "mt-v1", 1200, 4, 1, 6,
            Instant.parse("2026-11-01T00:09:59Z").toEpochMilli());
    private PrometheusExporter exporter;
    private HttpService service;

    @BeforeEach
    void start() {
        view.monitors.add(new MonitorInfo("translate", "mt-v1", Mode.REALTIME, List.of("nlp.bleu", "bleu_de"),
                translateCounters, Instant.parse("2026-11-01T00:10:00Z")));
        view.monitors.add(new MonitorInfo("recs", "ranker", Mode.PERIODIC, List.of("recsys.ranking"),
                counters("recs", "ranker", 0, 0, 0, 0, Long.MIN_VALUE), null));
        exporter = new PrometheusExporter(Clock.systemUTC(), view::counters);
        service = HttpService.start(new ServerConfig(true, "127.0.0.1", 0), exporter, view);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON));
        return MAPPER.readTree(response.body());
    }

    @Test
    void listensOnAFreePortOfLoopback() {
        assertThat(service.port()).isPositive();
        assertThat(service.bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void metricsServesThePrometheusText() throws Exception {
        exporter.accept(List.of(Results.of("nlp.bleu").value("score", 31.5).build()));
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        Exposition e = Exposition.parse(r.body());
        assertThat(e.value("modelwatch_nlp_bleu_score", "monitor", "translate")).isEqualTo(31.5);
        assertThat(e.value("modelwatch_records_total", "monitor", "translate")).isEqualTo(1200.0);
    }

    @Test
    void monitorsListsNamesModesCountersAndLastWindowEnd() throws Exception {
        HttpResponse<String> r = get("/api/monitors");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(2);
        JsonNode t = body.get(0);
        assertThat(t.get("name").asText()).isEqualTo("translate");
        assertThat(t.get("model").asText()).isEqualTo("mt-v1");
        assertThat(t.get("mode").asText()).isEqualTo("realtime");
        assertThat(t.get("metrics").toString()).isEqualTo("[\"nlp.bleu\",\"bleu_de\"]");
        assertThat(t.get("counters").get("records").asLong()).isEqualTo(1200);
        assertThat(t.get("counters").get("dead_lettered").asLong()).isEqualTo(4);
        assertThat(t.get("counters").get("late").asLong()).isEqualTo(1);
        assertThat(t.get("counters").get("windows").asLong()).isEqualTo(6);
        assertThat(t.get("max_event_time").asText()).isEqualTo("2026-11-01T00:09:59Z");
        assertThat(t.get("last_window_end").asText()).isEqualTo("2026-11-01T00:10:00Z");
        JsonNode recs = body.get(1);
        assertThat(recs.get("mode").asText()).isEqualTo("periodic");
        assertThat(recs.get("last_window_end").isNull()).isTrue();
        assertThat(recs.get("max_event_time").isNull()).isTrue();
    }

    @Test
    void reportServesTheHtmlPageOfTheResults() throws Exception {
        view.results.add(Results.of("nlp.bleu").value("score", 30.0).build());
        view.results.add(Results.of("nlp.bleu").window("2026-11-01T00:05:00Z", "2026-11-01T00:10:00Z")
                .value("score", 32.0).build());

        HttpResponse<String> r = get("/report");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("text/html;charset=utf-8");
        org.w3c.dom.Document d = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(r.body())));
        javax.xml.xpath.XPath x = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(x.evaluate("//section/h2", d)).startsWith("translate");
        assertThat(x.evaluate("//figure/figcaption", d)).isEqualTo("score");
        assertThat(x.evaluate("count(//table[@class='windows']/tbody/tr)", d)).isEqualTo("2");
    }

    @Test
    void resultsOfAMonitorAsAJsonArray() throws Exception {
        view.results.add(Results.of("nlp.bleu").value("score", 30.0).build());
        view.results.add(Results.of("nlp.bleu").metric("bleu_de").value("score", 20.0).build());
        view.results.add(Results.of("nlp.bleu").window("2026-11-01T00:05:00Z", "2026-11-01T00:10:00Z")
                .value("score", 32.0).build());
        view.results.add(Results.of("recsys.ranking").monitor("recs", "ranker").value("ndcg@10", 0.4).build());

        HttpResponse<String> all = get("/api/results?monitor=translate");
        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode body = json(all);
        assertThat(body).hasSize(3);
        assertThat(body.get(0).get("monitor").asText()).isEqualTo("translate");
        assertThat(body.get(0).get("values").get("score").asDouble()).isEqualTo(30.0);
        assertThat(body.get(2).get("window").get("end").asText()).isEqualTo("2026-11-01T00:10:00Z");
        assertThat(view.lastQuery).isEqualTo(new InMemoryServiceView.Query("translate", null, null, 100));

        JsonNode named = json(get("/api/results?monitor=translate&metric=bleu_de"));
        assertThat(named).hasSize(1);
        assertThat(named.get(0).get("metric").asText()).isEqualTo("bleu_de");

        JsonNode since = json(get("/api/results?monitor=translate&metric=nlp.bleu&since=2026-11-01T00:05:00Z"));
        assertThat(since).hasSize(1);
        assertThat(since.get(0).get("values").get("score").asDouble()).isEqualTo(32.0);

        json(get("/api/results?monitor=translate&since=1793491500&limit=2"));
        assertThat(view.lastQuery).isEqualTo(new InMemoryServiceView.Query("translate", null,
                Instant.ofEpochSecond(1793491500L), 2));
        json(get("/api/results?monitor=translate&since=1793491500000"));
        assertThat(view.lastQuery.since()).isEqualTo(Instant.ofEpochSecond(1793491500L));
    }

    @Test
    void resultsWithoutAMonitorIs400ListingTheMonitors() throws Exception {
        HttpResponse<String> r = get("/api/results");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("error").asText()).contains("monitor parameter is required").contains("translate, recs");
        assertThat(body.get("monitors").toString()).isEqualTo("[\"translate\",\"recs\"]");
    }

    @Test
    void badResultsQueriesAre400WithWhatToSendInstead() throws Exception {
        assertError("/api/results?monitor=tranlsate", 400, "no monitor 'tranlsate'", "Did you mean 'translate'?");
        assertError("/api/results?monitor=translate&metric=chrf", 400, "has no metric 'chrf'", "nlp.bleu, bleu_de");
        assertError("/api/results?monitor=translate&since=yesterday", 400, "since: 'yesterday' is not a timestamp");
        assertError("/api/results?monitor=translate&limit=0", 400, "limit must be a whole number from 1 to 10000");
        assertError("/api/results?monitor=translate&limit=ten", 400, "not 'ten'");
        assertError("/api/results?monitor=translate&limit=10001", 400, "from 1 to 10000");
        assertError("/api/results?monitor=translate&monitr=x", 400, "unknown parameter 'monitr'",
                "monitor, metric, since, limit");
        assertError("/api/results?monitor=translate&monitor=recs", 400, "'monitor' is given 2 times");
        assertThat(view.lastQuery).isNull();
    }

    private void assertError(String path, int status, String... fragments) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).as(path).contains(fragments);
    }

    @Test
    void alertsAsAJsonArray() throws Exception {
        assertThat(json(get("/api/alerts"))).isEmpty();
        view.alerts.add("{\"monitor\":\"translate\",\"rule\":\"bleu_drop\",\"state\":\"firing\"}");
        view.alerts.add("{\"monitor\":\"translate\",\"rule\":\"bleu_drop\",\"state\":\"resolved\"}");
        HttpResponse<String> r = get("/api/alerts");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body).hasSize(2);
        assertThat(body.get(1).get("state").asText()).isEqualTo("resolved");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("up");
    }

    @Test
    void readyFlipsFrom503To200() throws Exception {
        HttpResponse<String> before = get("/ready");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(json(before).get("status").asText()).isEqualTo("not ready");
        view.ready.set(true);
        HttpResponse<String> after = get("/ready");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("status").asText()).isEqualTo("ready");
    }

    @Test
    void unknownPathsAre404ListingTheEndpoints() throws Exception {
        HttpResponse<String> r = get("/api/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).contains("/api/nothing").contains("/metrics");
        assertThat(body.get("endpoints")).hasSize(7);
        assertThat(send(HttpRequest.newBuilder(uri("/")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsThanGetAre405() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/metrics")).POST(BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(json(post).get("error").asText()).contains("POST is not allowed on /metrics");
        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/health")).DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/ready")).method("HEAD", BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(405);
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/api/results?monitor=translate"))
                .PUT(BodyPublishers.ofString("[]")));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(view.lastQuery).isNull();
    }

    @Test
    void requestBodiesAreRefused() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/alerts"))
                .method("GET", BodyPublishers.ofString("{\"a\":1}")));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).contains("no request bodies");
    }

    @Test
    void aFailingViewIs500WithAJsonError() throws Exception {
        view.failure = new IllegalStateException("the store is closed");
        HttpResponse<String> r = get("/api/monitors");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).get("error").asText()).contains("the store is closed");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUseFailsNamingTheAddressAndTheKey() {
        ServerConfig same = new ServerConfig(true, "127.0.0.1", service.port());
        assertThatThrownBy(() -> HttpService.start(same, exporter, view))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + service.port())
                .hasMessageContaining("server.port");
    }

    @Test
    void aPortOutOfRangeIsRefusedBeforeListening() {
        assertThatThrownBy(() -> HttpService.start(new ServerConfig(true, "127.0.0.1", 70000), exporter, view))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server.port must be from 0 to 65535");
    }
}
