package io.modelwatch.core.generate;

/**
 * How one demo model serves requests: log-normal latency and a small rate of failures.
 *
 * <p>Latency in milliseconds is {@code median · size · (0.85 + 0.3 · load) · slowdown · exp(sigma · Z)}
 * with {@code Z} standard normal, {@code size} the request's size relative to a typical one, {@code load}
 * the diurnal load in [0.25, 1] and {@code slowdown} 1 when healthy. A failure is one of
 * {@code timeout} (latency ≈ the timeout), {@code upstream_unavailable} or {@code invalid_input}
 * (both fast). Immutable.
 *
 * @param medianMs median latency of a healthy request at scale 1
 * @param sigma spread of log latency when healthy
 * @param degradedSigma spread of log latency after the degradation
 * @param errorRate share of failed requests when healthy
 * @param degradedErrorRate share of failed requests after the degradation
 * @param slowdown factor on the median latency after the degradation
 * @param timeoutMs the client deadline a timed-out request reports
 */
record ServiceProfile(double medianMs, double sigma, double degradedSigma, double errorRate,
                      double degradedErrorRate, double slowdown, double timeoutMs) {

    /** The failure of the next request, or {@code null} when it succeeds. */
    String failure(DemoRandom random, boolean degraded) {
        if (!random.chance(degraded ? degradedErrorRate : errorRate)) {
            return null;
        }
        double kind = random.nextDouble();
        if (kind < 0.6) {
            return "timeout";
        }
        return kind < 0.85 ? "upstream_unavailable" : "invalid_input";
    }

    /** Latency of a successful request. */
    double latency(DemoRandom random, boolean degraded, double load, double size) {
        double median = medianMs * size * (0.85 + 0.3 * load) * (degraded ? slowdown : 1);
        return median * StrictMath.exp((degraded ? degradedSigma : sigma) * random.nextGaussian());
    }

    /** Latency of a failed request. */
    double failedLatency(DemoRandom random, String failure) {
        if (failure.equals("timeout")) {
            return timeoutMs + 5 * Math.abs(random.nextGaussian());
        }
        return 1 + 9 * random.nextDouble();
    }
}
