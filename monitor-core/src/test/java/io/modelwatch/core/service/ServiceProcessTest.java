package io.modelwatch.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.modelwatch.core.config.ConfigLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelwatch run} as a service, in a child JVM as an operator runs it: a realtime monitor
 * follows a growing log; {@code /ready}, {@code /metrics}, {@code /api/results} and
 * {@code /api/alerts} answer while it runs; an alert fires to a webhook; SIGTERM checkpoints the
 * in-flight window and exits; the restart resumes from the checkpoint and the window that was in
 * flight is evaluated once, complete.
 */
@Tag("slow")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "needs SIGTERM (Process.destroy) semantics")
class ServiceProcessTest {
    private static final ObjectMapper JSON = ConfigLoader.jsonMapper();
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private HttpServer webhook;
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process start(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.modelwatch.core.cli.Main", "run", "-c", dir.resolve("modelwatch.yaml").toString());
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Waits (bounded) until the condition holds; the pause is a wait on the child process, not a sleep. */
    private static void await(Process p, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            assertThat(p.isAlive()).as("the service is running while waiting for " + what).isTrue();
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean answers(int port, String path, int status, String contains) {
        HttpResponse<String> r = get(port, path);
        return r != null && r.statusCode() == status && r.body().contains(contains);
    }

    /** Appends one minute of records (10 a minute, every 6 s); in minute {@code errorMinute} half fail. */
    private void appendMinutes(Path log, int from, int to, int errorMinute) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int m = from; m < to; m++) {
            for (int i = 0; i < 10; i++) {
                long t = T0 + m * 60_000L + i * 6_000L;
                boolean failed = m == errorMinute && i % 2 == 0;
                sb.append(String.format(Locale.ROOT, "{\"ts\":%d,\"request_id\":\"m%d-%d\",\"latency_ms\":%d,\"error\":%s}\n",
                        t, m, i, 40 + i, failed ? "\"timeout\"" : "null"));
            }
        }
        Files.writeString(log, sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void servesMetricsResultsAndAlertsThenShutsDownOnSigtermAndResumes() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        int port = freePort();
        Files.writeString(dir.resolve("modelwatch.yaml"), """
                server: { port: %d }
                checkpoint: { interval: 100ms }
                alerting:
                  channels:
                    - { type: jsonl, path: out/alerts.jsonl }
                    - { type: webhook, url: "http://127.0.0.1:%d/hook", retries: 1, backoff: 10ms }
                monitors:
                  - name: live
                    model: ranker-v3
                    mode: realtime
                    source: { type: jsonl, path: in.jsonl, follow: true, poll-interval: 20ms }
                    fields: { time: /ts, id: /request_id, latency: /latency_ms, failed: /error }
                    window: { size: 1m }
                    metrics:
                      - type: core.count
                      - name: errors
                        type: core.error_rate
                        alerts: [ { name: many-errors, when: "rate > 0.2" } ]
                      - type: core.latency
                        params: { unit: ms }
                sinks: [ { type: jsonl, path: out/results.jsonl } ]
                """.formatted(port, webhook.getAddress().getPort()));
        Path in = dir.resolve("in.jsonl");
        appendMinutes(in, 0, 3, 1);
        Process first = start(dir.resolve("first.log"));
        await(first, "/ready", () -> answers(port, "/ready", 200, "ready"));
        assertThat(answers(port, "/health", 200, "up")).isTrue();
        // Minutes 0 and 1 are closed by the records of minute 2; minute 2 is in flight.
        await(first, "two windows in /metrics", () -> answers(port, "/metrics", 200, "modelwatch_windows_total{model=\"ranker-v3\",monitor=\"live\"} 2.0"));
        String metrics = get(port, "/metrics").body();
        assertThat(metrics).contains("modelwatch_core_count_count{metric=\"core.count\",model=\"ranker-v3\",monitor=\"live\",segment=\"\"} 10.0")
                .contains("modelwatch_core_error_rate_rate{metric=\"errors\",model=\"ranker-v3\",monitor=\"live\",segment=\"\"} 0.5")
                .contains("modelwatch_records_total{model=\"ranker-v3\",monitor=\"live\"} 30.0")
                .contains("modelwatch_core_latency_mean_seconds{metric=\"core.latency\",model=\"ranker-v3\",monitor=\"live\",segment=\"\"} 0.0445");
        JsonNode results = JSON.readTree(get(port, "/api/results?monitor=live&metric=errors").body());
        assertThat(results).hasSize(2);
        assertThat(results.get(1).path("values").path("rate").asDouble()).isEqualTo(0.5);
        // The live report: the closed windows of each metric, a chart per output of the two-window series.
        String page = get(port, "/report").body();
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<h2>live <span class=\"model\">model ranker-v3</span></h2>")
                .contains("<figcaption>rate</figcaption>");
        await(first, "the alert transition", () -> answers(port, "/api/alerts", 200, "firing"));
        await(first, "the webhook delivery", () -> !delivered.isEmpty());
        assertThat(get(port, "/report").body()).contains("<h2>Active alerts</h2>")
                .contains("<tr class=\"firing\"><td>firing</td><td>live</td><td>errors</td>");
        JsonNode hook = JSON.readTree(delivered.get(0));
        assertThat(hook.path("monitor").asText()).isEqualTo("live");
        assertThat(hook.path("rule").asText()).isEqualTo("many-errors");
        assertThat(hook.path("to").asText()).isEqualTo("firing");

        // SIGTERM: the window of minute 2 is in flight; it goes into the checkpoint, not out half-evaluated.
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String firstLog = Files.readString(dir.resolve("first.log"));
        assertThat(firstLog).doesNotContain("ERROR").doesNotContain("Exception");
        assertThat(Files.readAllLines(dir.resolve("out/results.jsonl"))).hasSize(6);

        appendMinutes(in, 3, 5, -1);
        Process second = start(dir.resolve("second.log"));
        await(second, "/ready after the restart", () -> answers(port, "/ready", 200, "ready"));
        // Minutes 2 and 3 close now (minute 4 is in flight); minute 2 holds its records from both runs.
        await(second, "four windows in total", () -> answers(port, "/metrics", 200,
                "modelwatch_windows_total{model=\"ranker-v3\",monitor=\"live\"} 4.0"));
        assertThat(Files.readString(dir.resolve("second.log"))).contains("resumed from the checkpoint");
        JsonNode counts = JSON.readTree(get(port, "/api/results?monitor=live&metric=core.count").body());
        assertThat(counts).extracting(n -> n.path("window").path("start").asText() + "=" + n.path("count").asLong())
                .containsExactly("2026-11-01T00:00:00Z=10", "2026-11-01T00:01:00Z=10", "2026-11-01T00:02:00Z=10",
                        "2026-11-01T00:03:00Z=10");
        assertThat(get(port, "/metrics").body()).contains("modelwatch_records_total{model=\"ranker-v3\",monitor=\"live\"} 50.0");
        // The live report goes on from the stored results: the windows of both runs, four rows per metric.
        String resumed = get(port, "/report").body();
        assertThat(resumed.split("<table class=\"windows\">")).hasSize(4);
        for (String minute : List.of("00:00", "00:01", "00:02", "00:03")) {
            assertThat(resumed.split("<tr><td>2026-11-01 " + minute + "</td>", -1)).as(minute).hasSize(4);
        }
        // Minute 3 has no errors: the alert resolves, once.
        await(second, "the alert resolving", () -> delivered.stream().anyMatch(d -> d.contains("\"to\":\"resolved\"")));
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> alerts = Files.readAllLines(dir.resolve("out/alerts.jsonl"));
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).contains("\"to\":\"firing\"");
        assertThat(alerts.get(1)).contains("\"to\":\"resolved\"");
        // The results file was continued, not truncated, by the restart.
        assertThat(Files.readAllLines(dir.resolve("out/results.jsonl"))).hasSize(12);
    }
}
