package io.modelwatch.core.kernel;

import static java.util.Objects.requireNonNull;

import io.modelwatch.core.config.Mode;
import io.modelwatch.core.source.JsonlSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs monitors: one reader thread per monitor feeding its shard threads. Results of static
 * monitors are emitted when the monitor finishes, sorted by window, scope and segment, so a
 * report reads the same on every run; realtime and periodic results are emitted as windows
 * close. Returns when every monitor has finished (static input read, or {@link #stop()}).
 */
public final class Engine {
    private final Clock clock;
    private final Path dataDir;
    private final int shards;
    private final JsonlSource.Waiter sleeper;
    private final List<MonitorRunner> running = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, MonitorCounters> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile MonitorRunner.Checkpointing checkpointing = MonitorRunner.Checkpointing.NONE;
    private volatile boolean stopped;
    private final java.util.Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param clock the wall clock (periodic schedules)
     * @param dataDir where dead-letter files go
     * @param shards shard threads per monitor
     * @param sleeper how followed sources wait between polls
     */
    public Engine(Clock clock, Path dataDir, int shards, JsonlSource.Waiter sleeper) {
        this.clock = requireNonNull(clock, "clock is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.shards = shards;
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /**
     * Turns checkpoints on: every {@code interval} while reading, and when stopped, each monitor's
     * states and source position go to {@code store}; a run resumes from the checkpoint its monitor
     * left (unless {@code fresh}), and a monitor that reaches the end of its input deletes it.
     */
    public Engine checkpointTo(CheckpointStore store, Duration interval, boolean fresh) {
        return checkpointTo(store, interval, fresh, null);
    }

    /** As {@link #checkpointTo(CheckpointStore, Duration, boolean)}, with state of the run's own in each checkpoint. */
    public Engine checkpointTo(CheckpointStore store, Duration interval, boolean fresh, CheckpointStore.Attachment attachment) {
        this.checkpointing = new MonitorRunner.Checkpointing(requireNonNull(store, "store is null"),
                requireNonNull(interval, "interval is null"), fresh, attachment);
        return this;
    }

    /** Returns the live counters of every monitor this engine runs (filled as monitors start), by name. */
    public java.util.Collection<MonitorCounters> counters() {
        return java.util.List.copyOf(counters.values());
    }

    /** Returns the live counters of one monitor, creating them when it has not started yet. */
    public MonitorCounters counters(MonitorPlan plan) {
        return counters.computeIfAbsent(plan.name(), n -> new MonitorCounters(n,
                plan.config().model() == null ? n : plan.config().model()));
    }

    /** Returns an engine with the system clock, one shard per monitor and real sleeping. */
    public static Engine standard(Path dataDir) {
        return new Engine(Clock.systemUTC(), dataDir, 1, d -> Thread.sleep(d.toMillis()));
    }

    /**
     * Runs the monitors until their input ends (or {@link #stop()}), sending results to {@code sink}.
     *
     * @throws MonitorFailedException when a monitor's source cannot be read, naming the monitor
     */
    public List<MonitorStats> run(List<MonitorPlan> plans, ResultListener sink) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, plans.size()), r -> {
            Thread t = new Thread(r, "modelwatch-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<MonitorStats>> futures = new ArrayList<>();
            List<List<List<WindowResult>>> reports = new ArrayList<>();
            for (MonitorPlan plan : plans) {
                List<List<WindowResult>> report = new ArrayList<>();
                reports.add(report);
                futures.add(pool.submit(() -> runOne(plan, sink, report)));
            }
            List<MonitorStats> stats = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    stats.add(futures.get(i).get());
                    // Static reports come out whole and in configuration order.
                    for (List<WindowResult> window : reports.get(i)) {
                        sink.accept(window);
                    }
                    if (finished.remove(plans.get(i).name())) {
                        checkpointing.store().delete(plans.get(i).name());
                    }
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    failures.add("monitor '" + plans.get(i).name() + "': " + (c.getMessage() == null ? c.toString() : c.getMessage()));
                }
            }
            if (!failures.isEmpty()) {
                throw new MonitorFailedException(failures, stats);
            }
            return stats;
        } finally {
            pool.shutdownNow();
        }
    }

    private MonitorStats runOne(MonitorPlan plan, ResultListener sink, List<List<WindowResult>> report) throws Exception {
        boolean buffered = plan.config().mode() == Mode.STATIC;
        List<List<WindowResult>> collected = new CopyOnWriteArrayList<>();
        ResultListener listener = buffered ? collected::add : sink;
        MonitorRunner runner = new MonitorRunner(plan, listener, clock, dataDir, shards, sleeper, counters(plan),
                checkpointing);
        running.add(runner);
        if (stopped) {
            runner.stop();
        }
        try {
            MonitorStats stats = runner.run();
            if (buffered) {
                List<List<WindowResult>> sorted = new ArrayList<>(collected);
                sorted.sort(Comparator.<List<WindowResult>, Integer>comparing(w -> "total".equals(w.get(0).scope()) ? 1 : 0)
                        .thenComparing(w -> w.get(0).windowStart())
                        .thenComparing(w -> w.get(0).segment().toString()));
                report.addAll(sorted);
            }
            if (checkpointing.enabled() && !runner.stopped()) {
                // Finished: the next run starts afresh. A static report is delivered after this, so a
                // crash in between repeats the (idempotent) report from the end-of-input state.
                finished.add(plan.name());
            }
            return stats;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.io.IOException("cannot read source " + e.getFile() + ": "
                    + (e.getReason() == null ? "no such file" : e.getReason()), e);
        } finally {
            running.remove(runner);
        }
    }

    /** Stops every monitor: followed sources stop waiting, and what was read is evaluated. Safe from any thread. */
    public void stop() {
        stopped = true;
        for (MonitorRunner r : running) {
            r.stop();
        }
    }
}
