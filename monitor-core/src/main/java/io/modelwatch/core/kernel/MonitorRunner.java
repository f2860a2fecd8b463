package io.modelwatch.core.kernel;

import io.modelwatch.core.config.Mode;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.source.JsonlSource;
import io.modelwatch.core.source.LineSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one monitor: its reader (this thread) decodes lines, dead-letters bad ones, assigns each
 * record its segment and random group, and routes batches to the monitor's shard threads; it
 * also drives evaluation: watermarks in realtime mode, the schedule in periodic mode, the end of
 * input in static mode.
 */
final class MonitorRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MonitorRunner.class);
    static final int BATCH = 256;
    private static final String OTHER = "__other__";

    private final MonitorPlan plan;
    private final ResultListener listener;
    private final Clock clock;
    private final int shardCount;
    private final DeadLetters deadLetters;
    private final Duration period;
    private final JsonlSource.Waiter sleeper;
    private final Map<Integer, Map<String, String>> segmentLabels = new ConcurrentHashMap<>();
    private final Map<String, Integer> segmentIndex = new HashMap<>();
    private final List<String> segmentNames = new ArrayList<>();
    /** Segment labels by index, handed to each record so metrics see {@code Observation.segment()}. */
    private final List<Map<String, String>> labelsByIndex = new ArrayList<>();
    private final int groups;
    private volatile LineSource current;
    private volatile boolean stopped;
    private long records;
    private long late;
    private long counter;
    private long maxTime = Long.MIN_VALUE;
    private long minTime = Long.MAX_VALUE;
    private long closedUpTo = Long.MIN_VALUE;
    private long nextTick;
    private Shard[] shards;
    private Batch[] open;
    private BlockingQueue<Batch> free;
    private final MonitorCounters counters;
    private final Checkpointing checkpointing;
    private long nextCheckpoint;
    private long checkpointsWritten;
    private boolean restored;

    /**
     * How a runner checkpoints: where to ({@code store}), how often, and whether to ignore the
     * checkpoint a previous run left ({@code fresh}).
     */
    record Checkpointing(CheckpointStore store, Duration interval, boolean fresh, CheckpointStore.Attachment attachment) {
        static final Checkpointing NONE = new Checkpointing(null, Duration.ZERO, false, null);

        boolean enabled() {
            return store != null;
        }
    }

    MonitorRunner(MonitorPlan plan, ResultListener listener, Clock clock, Path dataDir, int shardCount,
                  JsonlSource.Waiter sleeper) {
        this(plan, listener, clock, dataDir, shardCount, sleeper, new MonitorCounters(plan.name(),
                plan.config().model() == null ? plan.name() : plan.config().model()), Checkpointing.NONE);
    }

    MonitorRunner(MonitorPlan plan, ResultListener listener, Clock clock, Path dataDir, int shardCount,
                  JsonlSource.Waiter sleeper, MonitorCounters counters, Checkpointing checkpointing) {
        this.plan = plan;
        this.counters = counters;
        this.checkpointing = checkpointing;
        this.listener = window -> {
            counters.windows.incrementAndGet();
            listener.accept(window);
        };
        this.clock = clock;
        this.shardCount = Math.max(1, shardCount);
        this.deadLetters = new DeadLetters(dataDir, plan.name());
        this.sleeper = sleeper;
        MonitorConfig c = plan.config();
        this.period = c.mode() == Mode.PERIODIC ? Schedules.parse(c.schedule()) : null;
        this.groups = c.intervals().enabled() ? c.intervals().groups() : 1;
        for (String pointer : c.segmentBy()) {
            List<String> tokens = JsonPointers.tokens(pointer);
            segmentNames.add(tokens.get(tokens.size() - 1));
        }
    }

    /** Asks the runner to finish: a followed source stops waiting, and what was read is evaluated. */
    void stop() {
        stopped = true;
        LineSource s = current;
        if (s != null) {
            s.stop();
        }
    }

    /** Reads everything, evaluates, and returns what was read. */
    MonitorStats run() throws IOException, InterruptedException {
        int poolSize = shardCount * 8;
        free = new ArrayBlockingQueue<>(poolSize + shardCount);
        for (int i = 0; i < poolSize; i++) {
            free.add(new Batch(plan, BATCH));
        }
        shards = new Shard[shardCount];
        Thread[] threads = new Thread[shardCount];
        open = new Batch[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard(plan, free, segmentLabels, listener);
            threads[i] = new Thread(shards[i], "modelwatch-" + plan.name() + "-shard-" + i);
            threads[i].setDaemon(true);
        }
        if (period != null) {
            nextTick = clock.millis() + period.toMillis();
        }
        RecordDecoder decoder = plan.newDecoder();
        MonitorConfig c = plan.config();
        LineSource source = null;
        boolean started = false;
        try {
            MonitorCheckpoint checkpoint = loadCheckpoint();
            if (checkpoint != null) {
                try {
                    source = JsonlSource.open(c.source().path(), plan.baseDir(), c.source().follow(),
                            c.source().pollInterval(), this::idle, checkpoint.position());
                    restore(checkpoint);
                    restored = true;
                    LOG.info("monitor '{}': resumed from the checkpoint of {} ({} records counted, reading {} from byte {})",
                            plan.name(), java.time.Instant.ofEpochMilli(checkpoint.writtenAt()), records,
                            checkpoint.position() == null ? "the source" : checkpoint.position().file(),
                            checkpoint.position() == null ? 0 : checkpoint.position().offset());
                } catch (io.modelwatch.core.source.StalePositionException e) {
                    LOG.warn("monitor '{}': its checkpoint does not match the input any more ({}); starting afresh",
                            plan.name(), e.getMessage());
                }
            }
            for (Thread t : threads) {
                t.start();
            }
            started = true;
            if (!restored) {
                if (c.baseline() != null && c.baseline().file() != null) {
                    try (LineSource base = JsonlSource.open(c.baseline().file(), plan.baseDir(), false, Duration.ZERO, sleeper)) {
                        read(base, decoder, true);
                    }
                }
                source = JsonlSource.open(c.source().path(), plan.baseDir(), c.source().follow(),
                        c.source().pollInterval(), this::idle);
            }
            current = source;
            nextCheckpoint = clock.millis() + checkpointing.interval().toMillis();
            if (!stopped) {
                read(source, decoder, false);
            }
        } finally {
            if (source != null) {
                source.close();
            }
            if (!started) {
                for (Thread t : threads) {
                    t.start();
                }
            }
            flushAll();
            // Stopped by a signal with checkpoints on: keep in-flight windows for the restart
            // instead of evaluating them half-full.
            boolean keep = stopped && checkpointing.enabled() && started && checkpoint(source);
            for (Shard s : shards) {
                // The monitor-wide span, so a segment's total does not depend on which shard owns it.
                s.send(new Shard.End(minTime, maxTime, !keep));
            }
            for (Thread t : threads) {
                t.join();
            }
            deadLetters.close();
        }
        for (Shard s : shards) {
            if (s.crash() != null) {
                throw new IllegalStateException("monitor '" + plan.name() + "' failed: " + s.crash(), s.crash());
            }
        }
        return new MonitorStats(plan.name(), records, deadLetters.count(), late, deadLetters.file());
    }

    /** Whether this run went on from a checkpoint. */
    boolean restored() {
        return restored;
    }

    /** Whether the run was stopped (signal) rather than reaching the end of its input. */
    boolean stopped() {
        return stopped;
    }

    private MonitorCheckpoint loadCheckpoint() {
        if (!checkpointing.enabled()) {
            return null;
        }
        if (checkpointing.fresh()) {
            checkpointing.store().delete(plan.name());
            return null;
        }
        byte[] data = checkpointing.store().load(plan.name()).orElse(null);
        if (data == null) {
            return null;
        }
        MonitorCheckpoint cp = MonitorCheckpoint.decode(data, plan.name());
        if (!cp.fingerprint().equals(MonitorCheckpoint.fingerprint(plan))) {
            LOG.warn("monitor '{}': its configuration changed since the checkpoint of {}; starting afresh",
                    plan.name(), java.time.Instant.ofEpochMilli(cp.writtenAt()));
            return null;
        }
        cp.checkReadable(plan);
        return cp;
    }

    private void restore(MonitorCheckpoint cp) throws IOException {
        records = cp.records();
        late = cp.late();
        counter = cp.counter();
        maxTime = cp.maxTime();
        minTime = cp.minTime();
        closedUpTo = cp.closedUpTo();
        counters.records.set(records);
        counters.late.set(late);
        counters.windows.set(cp.windows());
        counters.deadLettered.set(cp.deadLettered());
        counters.maxEventTime(maxTime);
        for (int i = 0; i < cp.segmentKeys().size(); i++) {
            String key = cp.segmentKeys().get(i);
            Map<String, String> labels = cp.segmentLabels().get(i);
            int index = segmentIndex.size();
            segmentIndex.put(key, index);
            Map<String, String> copy = new LinkedHashMap<>(labels);
            labelsByIndex.add(java.util.Collections.unmodifiableMap(copy));
            segmentLabels.put(index, copy);
        }
        SegmentCodec codec = new SegmentCodec(plan, groups);
        for (byte[] blob : cp.segments()) {
            int index = SegmentCodec.indexOf(blob);
            SegmentState seg;
            try {
                seg = codec.decode(blob, labelsByIndex.isEmpty() ? Map.of() : labelsByIndex.get(index));
            } catch (RuntimeException e) {
                throw new CheckpointRefusedException("the checkpoint of monitor '" + plan.name()
                        + "' holds a state its metric cannot read (" + e.getMessage() + "); start afresh with run --fresh", e);
            }
            shards[shardOf(index)].restore(seg);
        }
        deadLetters.restore(cp.deadLettered(), cp.deadLetterBytes());
        if (checkpointing.attachment() != null && cp.attached().length > 0) {
            checkpointing.attachment().restore(plan.name(), cp.attached());
        }
    }

    /**
     * Writes a checkpoint: hands out open batches, lets every shard encode its segments once it has
     * added them, and stores the states with the source position in one write.
     *
     * @return whether it was written
     */
    private boolean checkpoint(LineSource source) throws InterruptedException {
        if (!checkpointing.enabled() || !(source instanceof JsonlSource js)) {
            return false;
        }
        io.modelwatch.core.source.SourcePosition position = js.position();
        if (position == null && records > 0) {
            return false; // standard input cannot be resumed
        }
        flushAll();
        try {
            List<java.util.concurrent.CompletableFuture<List<byte[]>>> replies = new ArrayList<>();
            for (Shard s : shards) {
                java.util.concurrent.CompletableFuture<List<byte[]>> f = new java.util.concurrent.CompletableFuture<>();
                s.send(new Shard.Snapshot(f));
                replies.add(f);
            }
            List<byte[]> blobs = new ArrayList<>();
            for (java.util.concurrent.CompletableFuture<List<byte[]>> f : replies) {
                blobs.addAll(f.get());
            }
            blobs.sort(java.util.Comparator.comparingInt(SegmentCodec::indexOf));
            List<String> keys = new ArrayList<>(java.util.Collections.nCopies(segmentIndex.size(), ""));
            for (Map.Entry<String, Integer> e : segmentIndex.entrySet()) {
                keys.set(e.getValue(), e.getKey());
            }
            List<MonitorCheckpoint.MetricHeader> headers = new ArrayList<>();
            for (MetricSlot slot : plan.metrics()) {
                headers.add(new MonitorCheckpoint.MetricHeader(slot.name(), slot.type(), slot.plugin(),
                        slot.pluginVersion(), slot.codecVersion()));
            }
            MonitorCheckpoint cp = new MonitorCheckpoint(plan.name(), MonitorCheckpoint.fingerprint(plan), clock.millis(),
                    groups, headers, records, late, counter, maxTime, minTime, closedUpTo, counters.windows(),
                    deadLetters.count(), deadLetters.flushedBytes(), keys, List.copyOf(labelsByIndex), position, blobs,
                    checkpointing.attachment() == null ? new byte[0] : checkpointing.attachment().save(plan.name()));
            checkpointing.store().save(plan.name(), cp.fingerprint(), cp.encode());
            checkpointsWritten++;
            return true;
        } catch (java.util.concurrent.ExecutionException | IOException | RuntimeException e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            LOG.error("monitor '{}': checkpoint not written: {}", plan.name(), cause.toString(), cause);
            return false;
        }
    }

    private void maybeCheckpoint() throws InterruptedException {
        if (checkpointing.enabled() && clock.millis() >= nextCheckpoint) {
            checkpoint(current);
            nextCheckpoint = clock.millis() + checkpointing.interval().toMillis();
        }
    }

    /** Called by a followed source while it waits: hand over partial batches, run the schedule, then sleep. */
    private void idle(Duration d) throws InterruptedException {
        flushAll();
        checkTick();
        maybeCheckpoint();
        sleeper.await(d);
    }

    private void read(LineSource source, RecordDecoder decoder, boolean baseline) throws IOException, InterruptedException {
        boolean realtime = plan.config().mode() == Mode.REALTIME;
        while (!stopped && source.advance()) {
            byte[] bytes = source.lineBytes();
            int offset = source.lineOffset();
            int length = source.lineLength();
            if (blank(bytes, offset, length)) {
                continue;
            }
            DecodedRecord rec = slotFor();
            String problem = decoder.decode(bytes, offset, length, rec);
            if (problem != null) {
                deadLetters.write(source.currentName(), source.lineNumber(), problem, source.lineText());
                counters.deadLettered.lazySet(deadLetters.count());
                continue;
            }
            if (!baseline && realtime && plan.windowed() && isLate(rec.timeMillis)) {
                late++;
                counters.late.lazySet(late);
                counters.deadLettered.lazySet(deadLetters.count());
                deadLetters.write(source.currentName(), source.lineNumber(), "late", source.lineText());
                continue;
            }
            rec.lineNumber = source.lineNumber();
            rec.baselineOnly = baseline;
            rec.segment = segmentOf(decoder.segmentValues(), rec);
            rec.segmentLabels(labelsByIndex.isEmpty() ? Map.of() : labelsByIndex.get(rec.segment));
            rec.group = groupOf(rec.id);
            if (!baseline) {
                records++;
                maxTime = Math.max(maxTime, rec.timeMillis);
                minTime = Math.min(minTime, rec.timeMillis);
                counters.records.lazySet(records);
            }
            commit(rec.segment);
            if (realtime && !baseline) {
                advanceWatermark();
            } else if (period != null && (records & 1023) == 0) {
                checkTick();
            }
            if (!baseline && (records & 1023) == 0) {
                counters.maxEventTime(maxTime);
                maybeCheckpoint();
            }
        }
    }

    /** Whether a line holds only white space (as String.isBlank sees ASCII white space). */
    private static boolean blank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x0B && b != '\f') {
                return false;
            }
        }
        return true;
    }

    private int shardOf(int segment) {
        return Math.floorMod(segment * 0x9E3779B1, shardCount);
    }

    /** Returns the record slot the next line is decoded into (committed by {@link #commit}). */
    private DecodedRecord slotFor() throws InterruptedException {
        // Decode into a scratch slot of shard 0's open batch; commit moves it if the segment routes elsewhere.
        if (scratchBatch == null) {
            scratchBatch = free.take();
        }
        return scratchBatch.records[scratchBatch.count];
    }

    private Batch scratchBatch;

    private void commit(int segment) throws InterruptedException {
        int shard = shardOf(segment);
        if (shardCount == 1) {
            open[0] = scratchBatch;
            scratchBatch.count++;
            if (scratchBatch.full()) {
                shards[0].send(new Shard.BatchMessage(scratchBatch));
                open[0] = null;
                scratchBatch = null;
            }
            return;
        }
        // Several shards: swap the decoded record into the target shard's batch.
        Batch target = open[shard];
        if (target == null) {
            target = free.take();
            open[shard] = target;
        }
        DecodedRecord decoded = scratchBatch.records[scratchBatch.count];
        scratchBatch.records[scratchBatch.count] = target.records[target.count];
        target.records[target.count] = decoded;
        target.count++;
        if (target.full()) {
            shards[shard].send(new Shard.BatchMessage(target));
            open[shard] = null;
        }
    }

    private void flushAll() {
        if (shards == null) {
            return;
        }
        if (shardCount == 1) {
            if (scratchBatch != null && scratchBatch.count > 0) {
                shards[0].send(new Shard.BatchMessage(scratchBatch));
                scratchBatch = null;
                open[0] = null;
            }
            return;
        }
        for (int i = 0; i < shardCount; i++) {
            if (open[i] != null && open[i].count > 0) {
                shards[i].send(new Shard.BatchMessage(open[i]));
                open[i] = null;
            }
        }
    }

    private boolean isLate(long t) {
        if (closedUpTo == Long.MIN_VALUE) {
            return false;
        }
        long latestEnd = Math.floorDiv(t, plan.slideMillis()) * plan.slideMillis() + plan.sizeMillis();
        return latestEnd <= closedUpTo;
    }

    /** Closes windows whose end the watermark (max event time − allowed lateness) has passed. */
    private void advanceWatermark() {
        if (!plan.windowed() || maxTime == Long.MIN_VALUE) {
            // No event time yet (a baseline file is read first): MIN_VALUE − lateness would wrap to a
            // huge watermark that closes everything and makes every later record late.
            return;
        }
        long watermark = maxTime - plan.latenessMillis();
        long s = plan.slideMillis();
        long w = plan.sizeMillis();
        long lastEnd = Math.floorDiv(watermark - w, s) * s + w;
        if (lastEnd > closedUpTo) {
            flushAll();
            for (Shard shard : shards) {
                shard.send(new Shard.Watermark(watermark));
            }
            closedUpTo = lastEnd;
        }
    }

    private void checkTick() {
        if (period == null) {
            return;
        }
        long now = clock.millis();
        if (now >= nextTick) {
            flushAll();
            for (Shard shard : shards) {
                shard.send(new Shard.Tick(now));
            }
            while (nextTick <= now) {
                nextTick += period.toMillis();
            }
        }
    }

    private int segmentOf(String[] values, DecodedRecord rec) {
        if (values.length == 0) {
            return 0;
        }
        String key = String.join("\u0000", java.util.Arrays.stream(values).map(v -> v == null ? "" : v).toList());
        Integer index = segmentIndex.get(key);
        if (index == null) {
            if (segmentIndex.size() >= plan.config().maxSegments()) {
                key = OTHER;
                index = segmentIndex.get(OTHER);
                if (index == null) {
                    index = register(OTHER, null);
                }
            } else {
                index = register(key, values);
            }
        }
        return index;
    }

    private int register(String key, String[] values) {
        int index = segmentIndex.size();
        segmentIndex.put(key, index);
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < segmentNames.size(); i++) {
            labels.put(segmentNames.get(i), values == null ? OTHER : values[i] == null ? "" : values[i]);
        }
        Map<String, String> frozen = java.util.Collections.unmodifiableMap(labels);
        labelsByIndex.add(frozen);
        segmentLabels.put(index, labels);
        return index;
    }

    private int groupOf(String id) {
        if (groups == 1) {
            return 0;
        }
        if (id != null) {
            // MurmurHash3's finaliser over the id's hash: every bit of the hash reaches the low bits
            // the group is taken from. (A multiply alone leaves the low bits a function of the hash's
            // low bits, so sequential ids such as req-000123 fell into correlated groups and made
            // intervals too narrow.)
            int h = id.hashCode();
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            h ^= h >>> 16;
            return Math.floorMod(h, groups);
        }
        return (int) (counter++ % groups);
    }
}
