package io.modelwatch.core.cli;

import com.google.inject.Inject;
import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.config.SinkConfig;
import io.modelwatch.core.kernel.Engine;
import io.modelwatch.core.kernel.MetricSlot;
import io.modelwatch.core.kernel.MonitorFailedException;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.MonitorStats;
import io.modelwatch.core.kernel.ResultListener;
import io.modelwatch.core.sink.SinkRouter;
import io.modelwatch.core.store.StoreException;
import java.util.ArrayList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelwatch run -c FILE}: runs every monitor of a configuration. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the monitors of a configuration. Static monitors read their input and exit;"
                + " realtime and periodic monitors run until stopped: Ctrl-C or SIGTERM checkpoints what was read"
                + " (the next run resumes from it), or evaluates it when checkpoints are off.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "the YAML configuration file")
    Path config;

    @Option(names = "--shards", defaultValue = "1", description = "shard threads per monitor (default: ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--fresh", description = "ignore and delete the monitors' checkpoints: start from the beginning of the input")
    boolean fresh;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Bootstrap bootstrap;

    @Inject
    RunCommand(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (shards < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shards must be at least 1, got " + shards);
        }
        PrintWriter err = spec.commandLine().getErr();
        Bootstrap.Prepared p;
        try {
            p = bootstrap.prepare(config);
        } catch (ConfigException e) {
            return ConfigErrorsPrinter.print(e, err);
        }
        return run(p, spec.commandLine().getOut(), err, shards, bootstrap, fresh);
    }

    /** Runs a prepared configuration; shared with {@code demo}. */
    static int run(Bootstrap.Prepared p, PrintWriter console, PrintWriter err, int shards, Bootstrap bootstrap)
            throws InterruptedException {
        return run(p, console, err, shards, bootstrap, false);
    }

    /** Runs a prepared configuration, resuming from checkpoints unless {@code fresh}. */
    static int run(Bootstrap.Prepared p, PrintWriter console, PrintWriter err, int shards, Bootstrap bootstrap,
                   boolean fresh) throws InterruptedException {
        List<SinkConfig> top = p.config().sinks().isEmpty() && p.config().monitors().stream().allMatch(m -> m.sinks().isEmpty())
                ? List.of(new SinkConfig("console", null)) : p.config().sinks();
        Map<String, List<SinkConfig>> perMonitor = new HashMap<>();
        for (MonitorConfig m : p.config().monitors()) {
            perMonitor.put(m.name(), m.sinks());
        }
        Engine engine = new Engine(bootstrap.clock(), p.dataDir(), shards, d -> Thread.sleep(d.toMillis()));
        CountDownLatch done = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean signalled = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            signalled.set(true);
            engine.stop();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "modelwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = 0;
        RunServices services;
        try {
            services = RunServices.open(p, engine, bootstrap.clock(), fresh);
        } catch (StoreException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            Runtime.getRuntime().removeShutdownHook(hook);
            p.plugins().close();
            return Main.RUN_FAILURE;
        }
        boolean append = services.resumesService(p.config(), fresh);
        try (services; SinkRouter sinks = SinkRouter.open(top, perMonitor, p.baseDir(), p.dataDir(), console, append)) {
            List<ResultListener> listeners = new ArrayList<>(services.sinks());
            listeners.add(sinks);
            if (append) {
                services.preload(p.config(), sinks);
            }
            List<MonitorStats> stats;
            try {
                services.ready(true);
                stats = engine.run(p.plans(), RunServices.fanOut(listeners));
            } catch (MonitorFailedException e) {
                for (String f : e.failures()) {
                    err.println("error: " + f);
                }
                stats = e.completed();
                code = Main.RUN_FAILURE;
            }
            for (MonitorStats s : stats) {
                err.println("monitor " + s.monitor() + ": " + s.records() + " records" + (s.deadLettered() == 0 ? ""
                        : ", " + s.deadLettered() + " bad lines" + (s.late() > 0 ? " (" + s.late() + " late)" : "")
                        + " in " + s.deadLetterFile()));
            }
            if (signalled.get() && p.config().store().enabled() && p.config().checkpoint().enabled()) {
                err.println("stopped: each monitor's progress is in its checkpoint; the next run resumes from it"
                        + " (run --fresh starts over)");
            }
            for (MonitorPlan plan : p.plans()) {
                for (MetricSlot slot : plan.metrics()) {
                    if (slot.failure() != null) {
                        err.println("error: " + slot.failure());
                        code = Main.RUN_FAILURE;
                    }
                }
            }
        } finally {
            if (services.closeFailure() != null) {
                err.println("error: " + services.closeFailure());
                code = Main.RUN_FAILURE;
            }
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            p.plugins().close();
        }
        err.flush();
        return code;
    }
}
