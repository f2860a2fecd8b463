/**
 * The HTTP service of long-running monitors: {@link io.modelwatch.core.server.PrometheusExporter}
 * turns results and live counters into Prometheus metrics, and
 * {@link io.modelwatch.core.server.HttpService} serves them on {@code /metrics} beside the JSON API
 * ({@code /api/monitors}, {@code /api/results}, {@code /api/alerts}) and the {@code /health} and
 * {@code /ready} probes. What the API shows comes through {@link io.modelwatch.core.server.ServiceView}.
 */
package io.modelwatch.core.server;
