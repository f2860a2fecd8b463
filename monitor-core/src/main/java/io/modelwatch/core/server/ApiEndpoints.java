package io.modelwatch.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.modelwatch.core.config.Suggestions;
import io.modelwatch.core.config.TimeValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The handlers of the HTTP API's endpoints, over a {@link PrometheusExporter} and a {@link ServiceView}. */
final class ApiEndpoints {
    static final String JSON = "application/json";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    /** The paths the service answers, all with GET only; any other path is 404. */
    static final List<String> PATHS = List.of("/metrics", "/api/monitors", "/api/results", "/api/alerts", "/report", "/health",
            "/ready");
    private static final List<String> RESULTS_PARAMS = List.of("monitor", "metric", "since", "limit");

    private final PrometheusExporter exporter;
    private final ServiceView view;

    ApiEndpoints(PrometheusExporter exporter, ServiceView view) {
        this.exporter = requireNonNull(exporter, "exporter is null");
        this.view = requireNonNull(view, "view is null");
    }

    /** {@code GET /metrics}: the Prometheus text format 0.0.4. */
    void metrics(Context ctx) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 14);
        exporter.scrape(body);
        ctx.contentType(PrometheusExporter.contentType()).result(body.toByteArray());
    }

    /** {@code GET /api/monitors}: the monitors, their counters and latest window end. */
    void monitors(Context ctx) {
        json(ctx, 200, ApiJson.monitors(view.monitors()));
    }

    /** {@code GET /api/results?monitor=&metric=&since=&limit=}: stored results of one monitor. */
    void results(Context ctx) {
        Map<String, List<String>> params = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!RESULTS_PARAMS.contains(e.getKey())) {
                throw new ApiException(400, "unknown parameter '" + e.getKey() + "'; /api/results accepts "
                        + String.join(", ", RESULTS_PARAMS) + "." + Suggestions.didYouMean(e.getKey(), RESULTS_PARAMS),
                        "parameters", RESULTS_PARAMS);
            }
            if (e.getValue().size() > 1) {
                throw new ApiException(400, "parameter '" + e.getKey() + "' is given " + e.getValue().size()
                        + " times; give it once");
            }
        }
        List<MonitorInfo> monitors = view.monitors();
        List<String> names = monitors.stream().map(MonitorInfo::name).toList();
        String monitor = param(params, "monitor");
        if (monitor == null || monitor.isBlank()) {
            throw new ApiException(400, "the monitor parameter is required, such as /api/results?monitor="
                    + (names.isEmpty() ? "NAME" : names.get(0)) + "; monitors: " + String.join(", ", names),
                    "monitors", names);
        }
        MonitorInfo info = monitors.stream().filter(m -> m.name().equals(monitor)).findFirst()
                .orElseThrow(() -> new ApiException(400, "no monitor '" + monitor + "'; monitors: "
                        + String.join(", ", names) + "." + Suggestions.didYouMean(monitor, names), "monitors", names));
        String metric = param(params, "metric");
        if (metric != null && !info.metrics().contains(metric)) {
            throw new ApiException(400, "monitor '" + monitor + "' has no metric '" + metric + "'; its metrics: "
                    + String.join(", ", info.metrics()) + "." + Suggestions.didYouMean(metric, info.metrics()),
                    "metrics", info.metrics());
        }
        Instant since = null;
        String sinceText = param(params, "since");
        if (sinceText != null) {
            try {
                since = TimeValues.parseInstant(sinceText);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "since: " + e.getMessage());
            }
        }
        int limit = limit(param(params, "limit"));
        json(ctx, 200, ApiJson.array(view.results(monitor, metric, since, limit)));
    }

    /** {@code GET /api/alerts}: the alert transitions. */
    void alerts(Context ctx) {
        json(ctx, 200, ApiJson.array(view.alerts()));
    }

    /** {@code GET /report}: the HTML report of the service's results. */
    void report(Context ctx) {
        ctx.status(200).contentType("text/html; charset=utf-8").result(view.report());
    }

    /** {@code GET /health}: 200 while the process serves requests. */
    void health(Context ctx) {
        json(ctx, 200, ApiJson.status("up"));
    }

    /** {@code GET /ready}: 200 once the monitors run and the store is open, 503 before. */
    void ready(Context ctx) {
        boolean ready = view.ready();
        json(ctx, ready ? 200 : 503, ApiJson.status(ready ? "ready" : "not ready"));
    }

    static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType(JSON).result(body);
    }

    private static String param(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + text
                + "' (default " + DEFAULT_LIMIT + ")");
    }
}
