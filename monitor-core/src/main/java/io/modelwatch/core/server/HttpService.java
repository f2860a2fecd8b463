package io.modelwatch.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinException;
import io.modelwatch.core.config.ServerConfig;
import java.net.BindException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service of a run: {@code GET /metrics} (Prometheus text format 0.0.4),
 * {@code /api/monitors}, {@code /api/results}, {@code /api/alerts}, {@code /health} and
 * {@code /ready}. Only GET is served (405 for other methods on these paths, 404 with the list of
 * paths for any other path); requests with a body are refused (413). Every error is a JSON object
 * {@code {"status": ..., "error": "..."}}.
 *
 * <p>Started by {@link #start}; {@link #close()} stops it. Thread-safe.
 */
public final class HttpService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
    /** A small pool: the service answers a scraper and a few people, beside monitors that need the cores. */
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    private static final int IDLE_MILLIS = 60_000;

    private final Javalin app;
    private final String bind;
    private final int port;

    private HttpService(Javalin app, String bind, int port) {
        this.app = app;
        this.bind = bind;
        this.port = port;
    }

    /**
     * Starts the service on {@code config.bind():config.port()} (port 0 picks a free one).
     *
     * @throws IllegalArgumentException when the port is outside 0 to 65535
     * @throws IllegalStateException when it cannot listen there, naming the address and the
     *     {@code server.bind} and {@code server.port} keys
     */
    public static HttpService start(ServerConfig config, PrometheusExporter exporter, ServiceView view) {
        requireNonNull(config, "config is null");
        ApiEndpoints endpoints = new ApiEndpoints(exporter, view);
        String bind = config.bind();
        int port = config.port();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port must be from 0 to 65535 (0 picks a free port), not " + port);
        }
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, IDLE_MILLIS);
        threads.setName("modelwatch-http");
        threads.setDaemon(true);
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = bind;
            c.jetty.port = port;
            c.jetty.threadPool = threads;
            c.routes.before(HttpService::onlyGetWithoutBody);
            c.routes.get("/metrics", endpoints::metrics);
            c.routes.get("/api/monitors", endpoints::monitors);
            c.routes.get("/api/results", endpoints::results);
            c.routes.get("/api/alerts", endpoints::alerts);
            c.routes.get("/report", endpoints::report);
            c.routes.get("/health", endpoints::health);
            c.routes.get("/ready", endpoints::ready);
            c.routes.exception(ApiException.class, (e, ctx) -> ApiEndpoints.json(ctx, e.status(),
                    ApiJson.error(e.status(), e.getMessage(), e.choicesName(), e.choices())));
            c.routes.exception(HttpResponseException.class, HttpService::javalinError);
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                ApiEndpoints.json(ctx, 500, ApiJson.error(500, "the request failed: " + e, null, null));
            });
        });
        try {
            app.start();
        } catch (JavalinException | IllegalStateException e) {
            stopQuietly(app);
            throw new IllegalStateException(bindFailure(bind, port, e), e);
        }
        HttpService service = new HttpService(app, bind, app.port());
        LOG.info("HTTP service on http://{}:{} (/metrics, /api/monitors, /api/results, /api/alerts, /report, /health, /ready)",
                bind, service.port);
        return service;
    }

    /** The port it listens on (the one picked when the configuration said 0). */
    public int port() {
        return port;
    }

    /** The address it listens on. */
    public String bind() {
        return bind;
    }

    /** Stops listening and waits for requests in progress. */
    @Override
    public void close() {
        app.stop();
    }

    private static void onlyGetWithoutBody(Context ctx) {
        String path = ctx.path().length() > 1 && ctx.path().endsWith("/")
                ? ctx.path().substring(0, ctx.path().length() - 1) : ctx.path();
        if (ctx.method() != HandlerType.GET && ApiEndpoints.PATHS.contains(path)) {
            ctx.header("Allow", "GET");
            throw new ApiException(405, ctx.method() + " is not allowed on " + path + "; the service answers GET only");
        }
        if (ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null) {
            throw new ApiException(413, "the service accepts no request bodies; send " + path + " without one");
        }
    }

    private static void javalinError(HttpResponseException e, Context ctx) {
        String message = e.getStatus() == 404
                ? "no endpoint " + ctx.path() + "; endpoints: " + String.join(", ", ApiEndpoints.PATHS)
                : e.getMessage();
        ApiEndpoints.json(ctx, e.getStatus(), ApiJson.error(e.getStatus(), message,
                e.getStatus() == 404 ? "endpoints" : null, ApiEndpoints.PATHS));
    }

    private static String bindFailure(String bind, int port, Exception e) {
        String address = bind + ":" + port;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "cannot listen on " + address + " (server.bind, server.port): " + t.getMessage()
                        + ". Another process (or another modelwatch run) may hold the port: stop it, or set"
                        + " server.port to a free port (0 picks one), or server.bind to an address of this machine";
            }
        }
        return "cannot start the HTTP service on " + address + " (server.bind, server.port): " + e.getMessage()
                + ". Set server.bind to an address of this machine (default 127.0.0.1) and server.port to a free"
                + " port (default 9464, 0 picks one)";
    }

    private static void stopQuietly(Javalin app) {
        try {
            app.stop();
        } catch (RuntimeException suppressed) {
            LOG.debug("stopping the HTTP service after a failed start", suppressed);
        }
    }
}
