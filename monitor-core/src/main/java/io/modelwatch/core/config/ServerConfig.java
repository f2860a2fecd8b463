package io.modelwatch.core.config;

/**
 * The HTTP service that a run with realtime or periodic monitors keeps up: {@code /metrics}
 * (Prometheus), {@code /api/...}, {@code /health}, {@code /ready}.
 *
 * @param enabled on by default (it starts only when some monitor is realtime or periodic)
 * @param bind the address to listen on (default {@code 127.0.0.1}: loopback only)
 * @param port the port (default 9464; 0 picks a free one)
 */
public record ServerConfig(Boolean enabled, String bind, Integer port) {
    public ServerConfig {
        enabled = enabled == null || enabled;
        bind = bind == null ? "127.0.0.1" : bind;
        port = port == null ? 9464 : port;
    }
}
