package io.modelwatch.core.server;

import static java.util.Objects.requireNonNull;

import io.modelwatch.core.kernel.MonitorCounters;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.ResultSink;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A result sink that keeps the metrics Prometheus scrapes from {@code /metrics}, in its own
 * registry (never the client's default one).
 *
 * <p>What it exports:
 * <ul>
 *   <li>per (monitor, metric, segment), the latest window's outputs as gauges
 *       {@code modelwatch_<plugin>_<metric>_<output>}, with {@code _ci_lower}, {@code _ci_upper},
 *       {@code _baseline}, {@code _delta}, {@code _delta_ci_lower}, {@code _delta_ci_upper} and
 *       {@code _significant} (0 or 1) beside them; {@code core.latency} in seconds, suffixed
 *       {@code _seconds}. Labels and undefined values: see {@link ResultGauges};
 *   <li>{@code modelwatch_records_total}, {@code modelwatch_deadlettered_total},
 *       {@code modelwatch_late_total}, {@code modelwatch_windows_total} and the gauge
 *       {@code modelwatch_event_time_max_seconds}, read from the live {@link MonitorCounters} at
 *       scrape time (labels {@code monitor}, {@code model});
 *   <li>{@code modelwatch_rejected_total} (labels {@code monitor}, {@code model}, {@code metric}):
 *       records a metric rejected, summed over the windows that start at a multiple of their size,
 *       so that hopping windows count each record once (a slide that does not divide the size
 *       leaves gaps);
 *   <li>{@code modelwatch_window_evaluation_delay_seconds} (label {@code monitor}): a histogram of
 *       how long after a window's end its results arrived (wall clock of the injected clock minus
 *       window end; meaningful for realtime and periodic monitors, a replay of old data lands in
 *       the top bucket);
 *   <li>the JVM's metrics ({@code jvm_*}, {@code process_*}).
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} keeps the last values, so a scrape after the monitors stop still
 * reads them.
 */
public final class PrometheusExporter implements ResultSink {
    /** Delay buckets from 10 ms to an hour: periodic ticks land low, realtime windows wait for the watermark. */
    private static final double[] DELAY_BUCKETS = {0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600};
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final Clock clock;
    private final Supplier<? extends Collection<MonitorCounters>> counters;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ResultGauges gauges = new ResultGauges();
    private final Counter rejected;
    private final Histogram evaluationDelay;

    /**
     * Creates an exporter with its own registry, and registers the JVM metrics in it.
     *
     * @param clock the wall clock that a window's delay is measured by
     * @param counters the live counters of the running monitors, read at each scrape (it may
     *     return an empty collection until the monitors start)
     */
    public PrometheusExporter(Clock clock, Supplier<? extends Collection<MonitorCounters>> counters) {
        this.clock = requireNonNull(clock, "clock is null");
        this.counters = requireNonNull(counters, "counters is null");
        registry.register(gauges);
        counter("modelwatch_records_total", "Records decoded and routed to the metrics.", MonitorCounters::records);
        counter("modelwatch_deadlettered_total", "Lines written to the dead-letter file, for any reason (late ones included).",
                MonitorCounters::deadLettered);
        counter("modelwatch_late_total", "Records that arrived after their windows were evaluated (also dead-lettered).",
                MonitorCounters::late);
        counter("modelwatch_windows_total", "Windows evaluated, one per segment and window.", MonitorCounters::windows);
        GaugeWithCallback.builder()
                .name("modelwatch_event_time_max_seconds")
                .help("The latest event time a monitor has seen, in seconds since the epoch.")
                .labelNames("monitor", "model")
                .callback(cb -> {
                    for (MonitorCounters c : counters.get()) {
                        if (c.maxEventTimeMillis() != Long.MIN_VALUE) {
                            cb.call(c.maxEventTimeMillis() / 1000.0, c.monitor(), c.model());
                        }
                    }
                })
                .register(registry);
        rejected = Counter.builder()
                .name("modelwatch_rejected_total")
                .help("Records a metric rejected as bad input (counted once over hopping windows).")
                .labelNames("monitor", "model", "metric")
                .register(registry);
        evaluationDelay = Histogram.builder()
                .name("modelwatch_window_evaluation_delay_seconds")
                .help("How long after a window's end its results arrived.")
                .labelNames("monitor")
                .classicOnly()
                .classicUpperBounds(DELAY_BUCKETS)
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    private void counter(String name, String help, ToLongFunction<MonitorCounters> value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("monitor", "model")
                .callback(cb -> {
                    for (MonitorCounters c : counters.get()) {
                        cb.call(value.applyAsLong(c), c.monitor(), c.model());
                    }
                })
                .register(registry);
    }

    @Override
    public void accept(List<WindowResult> window) {
        if (window.isEmpty()) {
            return;
        }
        WindowResult first = window.get(0);
        if (!"window".equals(first.scope())) {
            return; // a static run's whole-input results: in the report and the store, not in gauges
        }
        for (WindowResult r : window) {
            gauges.update(r);
            long start = r.windowStart().toEpochMilli();
            long size = r.windowEnd().toEpochMilli() - start;
            // labelValues creates the series at 0 on the first window; only aligned windows add to it.
            CounterDataPoint metricRejected = rejected.labelValues(r.monitor(), r.model(), r.metric());
            if (size > 0 && Math.floorMod(start, size) == 0) {
                metricRejected.inc(r.rejected());
            }
        }
        double delay = (clock.millis() - first.windowEnd().toEpochMilli()) / 1000.0;
        evaluationDelay.labelValues(first.monitor()).observe(Math.max(0.0, delay));
    }

    /** Returns the metrics in the Prometheus text format 0.0.4. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 14);
        try {
            scrape(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the metrics in the Prometheus text format 0.0.4 to {@code out}. */
    public void scrape(OutputStream out) throws IOException {
        TEXT.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
    }

    /** The content type of {@link #scrape()}: {@code text/plain; version=0.0.4; charset=utf-8}. */
    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** The end of the latest window a monitor has reported results for, if any. */
    public Optional<Instant> lastWindowEnd(String monitor) {
        return gauges.lastWindowEnd(monitor);
    }

    /** The registry, for other parts of the service to add their own metrics to. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Keeps the last values for later scrapes; nothing to flush. */
    @Override
    public void close() {
    }
}
