package io.modelwatch.core.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.alert.AlertChannelFactory;
import io.modelwatch.core.alert.AlertManager;
import io.modelwatch.core.alert.AlertRecorder;
import io.modelwatch.core.alert.AlertTransition;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.Mode;
import io.modelwatch.core.config.ModelWatchConfig;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.kernel.CheckpointStore;
import io.modelwatch.core.kernel.Engine;
import io.modelwatch.core.kernel.MetricSlot;
import io.modelwatch.core.kernel.MonitorCounters;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.ResultListener;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.server.HttpService;
import io.modelwatch.core.server.MonitorInfo;
import io.modelwatch.core.server.PrometheusExporter;
import io.modelwatch.core.server.ServiceView;
import io.modelwatch.core.sink.ResultSink;
import io.modelwatch.core.store.ResultStore;
import io.modelwatch.core.store.StoreSink;
import io.modelwatch.core.store.StoredCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code run} keeps up around its engine: the results store (and the checkpoints in it),
 * the Prometheus exporter and the HTTP service of long-running monitors. Built before the engine
 * runs, closed after it, in reverse order.
 */
final class RunServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunServices.class);
    private static final ObjectMapper JSON = ConfigLoader.jsonMapper();

    private final ResultStore store;
    private final PrometheusExporter exporter;
    private HttpService http;
    private java.util.concurrent.ScheduledExecutorService pruner;
    private final List<ResultSink> sinks;
    private final AtomicBoolean ready = new AtomicBoolean();

    private RunServices(ResultStore store, PrometheusExporter exporter, List<ResultSink> sinks) {
        this.store = store;
        this.exporter = exporter;
        this.sinks = List.copyOf(sinks);
    }

    /** Whether a configuration runs as a service (some monitor is realtime or periodic). */
    static boolean isService(ModelWatchConfig config) {
        return config.monitors().stream().anyMatch(m -> m != null && m.mode() != Mode.STATIC);
    }

    /**
     * Opens the store (with checkpoints on the engine), and for a service the exporter and the HTTP
     * service.
     *
     * @throws io.modelwatch.core.store.StoreException when the database cannot be opened
     * @throws IllegalStateException when the HTTP port cannot be bound
     */
    static RunServices open(Bootstrap.Prepared p, Engine engine, Clock clock, boolean fresh) {
        ModelWatchConfig config = p.config();
        ResultStore store = config.store().enabled() ? ResultStore.open(config.store().resolvedAgainst(p.baseDir()), p.dataDir(), clock) : null;
        List<ResultSink> sinks = new ArrayList<>();
        PrometheusExporter exporter = null;
        try {
            AlertRecorder recorder = store == null ? AlertRecorder.none() : new AlertRecorder() {
                @Override
                public void transition(AlertTransition t) {
                    store.saveAlertTransition(t);
                }

                @Override
                public void deliveryFailed(AlertTransition t, String channel, String detail) {
                    store.saveDeliveryFailure(t, channel, detail);
                }
            };
            AlertManager alerts = null;
            if (config.monitors().stream().anyMatch(m -> m.metrics().stream().anyMatch(mc -> !mc.alerts().isEmpty()))) {
                alerts = new AlertManager(config.monitors(), clock,
                        AlertChannelFactory.create(config.alerting(), p.baseDir(), p.dataDir(), recorder), recorder);
            }
            if (store != null) {
                // The store first: a result is kept before anyone is told about it.
                sinks.add(new StoreSink(store));
                if (config.checkpoint().enabled()) {
                    engine.checkpointTo(checkpoints(store), config.checkpoint().interval(), fresh,
                            alerts == null ? null : alertStates(alerts));
                }
            }
            if (alerts != null) {
                sinks.add(alerts);
            }
            io.modelwatch.core.sink.ReportBuffer report = null;
            if (isService(config) && config.server().enabled()) {
                exporter = new PrometheusExporter(clock, engine::counters);
                sinks.add(exporter);
                report = new io.modelwatch.core.sink.ReportBuffer();
                sinks.add(report);
            }
            RunServices services = new RunServices(store, exporter, sinks);
            services.report = report;
            if (store != null && config.store().retention() != null && isService(config)) {
                // A long-running service keeps pruning, not only when the store opens.
                services.pruner = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "modelwatch-retention");
                    t.setDaemon(true);
                    return t;
                });
                java.time.Duration retention = config.store().retention();
                services.pruner.scheduleWithFixedDelay(() -> {
                    try {
                        int n = store.pruneResultsBefore(clock.instant().minus(retention));
                        if (n > 0) {
                            LOG.info("store: pruned {} results older than {}", n, retention);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("store: pruning old results failed: {}", e.getMessage());
                    }
                }, 1, 1, java.util.concurrent.TimeUnit.HOURS);
            }
            if (exporter != null) {
                services.http = HttpService.start(config.server(), exporter, services.view(p, engine, store, exporter, clock, alerts));
                LOG.info("serving /metrics and /api on http://{}:{}", services.http.bind(), services.http.port());
            }
            return services;
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    /** Whether a checkpoint is waiting for some long-running monitor (so its JSON Lines sinks are continued). */
    boolean resumesService(ModelWatchConfig config, boolean fresh) {
        if (store == null || fresh || !config.checkpoint().enabled()) {
            return false;
        }
        for (MonitorConfig m : config.monitors()) {
            if (m.mode() != Mode.STATIC && store.loadCheckpoint(m.name()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a resumed service: hands each long-running monitor's stored results (the latest
     * {@value #PRELOAD_LIMIT}) to the report pages, the live one and the {@code html} sinks, so
     * that they go on from where the last run stopped. A store that cannot be read only costs the
     * pages their past (it is logged).
     */
    void preload(ModelWatchConfig config, io.modelwatch.core.sink.SinkRouter router) {
        if (store == null) {
            return;
        }
        for (MonitorConfig m : config.monitors()) {
            if (m.mode() == Mode.STATIC) {
                continue;
            }
            try {
                List<WindowResult> earlier = store.results(m.name(), null, null, PRELOAD_LIMIT).stream()
                        .map(io.modelwatch.core.sink.ResultJson::parse).toList();
                router.preload(m.name(), earlier);
                if (report != null) {
                    report.preload(earlier);
                }
            } catch (RuntimeException e) {
                LOG.warn("monitor '{}': the report pages start without its stored results: {}", m.name(), e.getMessage());
            }
        }
    }

    static final int PRELOAD_LIMIT = 50_000;

    /** The sinks the services add beside the configured ones. */
    List<ResultSink> sinks() {
        return sinks;
    }

    /** The HTTP service, or null when none runs. */
    HttpService http() {
        return http;
    }

    /** The store, or null when it is off. */
    ResultStore store() {
        return store;
    }

    /** Marks the run ready: the monitors are starting and the store is open. */
    void ready(boolean value) {
        ready.set(value);
    }

    /** Alert states of one monitor as a checkpoint attachment. */
    private static CheckpointStore.Attachment alertStates(AlertManager alerts) {
        return new CheckpointStore.Attachment() {
            @Override
            public byte[] save(String monitor) {
                try {
                    return JSON.writeValueAsBytes(alerts.snapshot(monitor));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void restore(String monitor, byte[] data) {
                try {
                    alerts.restore(monitor, JSON.readValue(data, new TypeReference<Map<String, String>>() { }));
                } catch (IOException e) {
                    LOG.warn("monitor '{}': the alert states in its checkpoint cannot be read ({}); alerts start inactive",
                            monitor, e.toString());
                }
            }
        };
    }

    private static CheckpointStore checkpoints(ResultStore store) {
        return new CheckpointStore() {
            @Override
            public void save(String monitor, String fingerprint, byte[] data) {
                store.saveCheckpoint(monitor, fingerprint, data);
            }

            @Override
            public Optional<byte[]> load(String monitor) {
                return store.loadCheckpoint(monitor).map(StoredCheckpoint::data);
            }

            @Override
            public void delete(String monitor) {
                store.deleteCheckpoint(monitor);
            }
        };
    }

    private ServiceView view(Bootstrap.Prepared p, Engine engine, ResultStore store, PrometheusExporter exporter,
                             Clock clock, AlertManager alerts) {
        io.modelwatch.core.sink.ReportBuffer page = report;
        return new ServiceView() {
            @Override
            public String report() {
                return page.render("ModelWatch live report", clock.instant(), alerts == null ? List.of() : alerts.active());
            }

            @Override
            public List<MonitorInfo> monitors() {
                List<MonitorInfo> out = new ArrayList<>();
                for (MonitorPlan plan : p.plans()) {
                    MonitorCounters counters = engine.counters(plan);
                    out.add(new MonitorInfo(plan.name(), counters.model(), plan.config().mode(),
                            plan.metrics().stream().map(MetricSlot::name).toList(), counters,
                            exporter.lastWindowEnd(plan.name()).orElse(null)));
                }
                return out;
            }

            @Override
            public List<String> results(String monitor, String metric, Instant since, int limit) {
                return store == null ? List.of() : store.results(monitor, metric, since, limit);
            }

            @Override
            public List<String> alerts() {
                return store == null ? List.of() : store.alertEvents(null, null, 1000);
            }

            @Override
            public boolean ready() {
                return ready.get();
            }
        };
    }

    /** One listener that hands each window to every sink in order. */
    static ResultListener fanOut(List<? extends ResultListener> listeners) {
        List<ResultListener> copy = List.copyOf(listeners);
        return (List<WindowResult> window) -> {
            for (ResultListener l : copy) {
                l.accept(window);
            }
        };
    }

    @Override
    public void close() {
        ready.set(false);
        if (pruner != null) {
            pruner.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        for (ResultSink s : sinks) {
            s.close();
        }
        if (store != null) {
            try {
                store.close();
            } catch (io.modelwatch.core.store.StoreException e) {
                closeFailure = e.getMessage();
            }
        }
    }

    private String closeFailure;
    /** The results the live {@code /report} page shows; null when there is no HTTP service. */
    private io.modelwatch.core.sink.ReportBuffer report;

    /** Returns why closing lost something (results the store could not take at the end), or null. */
    String closeFailure() {
        return closeFailure;
    }
}
