package io.modelwatch.core.kernel;

import io.modelwatch.core.config.BaselineConfig;
import io.modelwatch.core.config.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A single-writer worker: owns the states of some segments of one monitor, adds the records its
 * reader routes to it, and evaluates windows when told (watermark, schedule or end of input).
 * Its inbox is bounded by the reader's pool of batches, so a slow shard slows the reader.
 */
final class Shard implements Runnable {
    /** A message in the shard's inbox. */
    sealed interface Message permits BatchMessage, Watermark, Tick, End, Snapshot {
    }

    /** Encode every segment's states for a checkpoint (all batches sent before it are added). */
    record Snapshot(java.util.concurrent.CompletableFuture<List<byte[]>> reply) implements Message {
    }

    record BatchMessage(Batch batch) implements Message {
    }

    /** Close windows whose end is at or before {@code millis}. */
    record Watermark(long millis) implements Message {
    }

    /** Periodic evaluation of the window ending at {@code nowMillis} (aligned to panes). */
    record Tick(long nowMillis) implements Message {
    }

    /**
     * End of input: evaluate what remains and stop. Carries the monitor's first and last event
     * times (over all shards), the span of a static run's total.
     */
    record End(long minTime, long maxTime, boolean evaluate) implements Message {
    }

    private final MonitorPlan plan;
    private final int groups;
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final BlockingQueue<Batch> free;
    private final Map<Integer, Map<String, String>> segmentLabels;
    private final ResultListener listener;
    private final Evaluator evaluator;
    private final Map<Integer, SegmentState> segments = new HashMap<>();
    private final long baseFrom;
    private final long baseTo;
    private final int previous;
    private final long periodMillis;
    private volatile Throwable crash;

    Shard(MonitorPlan plan, BlockingQueue<Batch> free, Map<Integer, Map<String, String>> segmentLabels,
          ResultListener listener) {
        this.plan = plan;
        this.groups = plan.config().intervals().enabled() ? plan.config().intervals().groups() : 1;
        this.free = free;
        this.segmentLabels = segmentLabels;
        this.listener = listener;
        this.evaluator = new Evaluator(plan);
        BaselineConfig b = plan.config().baseline();
        this.baseFrom = b != null && b.from() != null ? b.from().toEpochMilli() : Long.MAX_VALUE;
        this.baseTo = b != null && b.to() != null ? b.to().toEpochMilli() : Long.MIN_VALUE;
        this.previous = b != null && b.previous() != null ? b.previous() : 0;
        this.periodMillis = plan.config().mode() == Mode.PERIODIC ? Schedules.parse(plan.config().schedule()).toMillis() : 0;
    }

    int groups() {
        return groups;
    }

    void send(Message m) {
        inbox.add(m);
    }

    Throwable crash() {
        return crash;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Message m = inbox.take();
                if (m instanceof BatchMessage bm) {
                    process(bm.batch());
                    bm.batch().release();
                    free.add(bm.batch());
                } else if (m instanceof Watermark w) {
                    closeWindows(w.millis(), false);
                } else if (m instanceof Tick t) {
                    tick(t.nowMillis());
                } else if (m instanceof Snapshot snap) {
                    snapshot(snap);
                } else if (m instanceof End e) {
                    if (e.evaluate()) {
                        finish(e.minTime(), e.maxTime());
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            crash = e;
            throw e;
        }
    }

    /** Puts a segment restored from a checkpoint in place; called before the shard's thread starts. */
    void restore(SegmentState seg) {
        segments.put(seg.index, seg);
    }

    private void snapshot(Snapshot snap) {
        try {
            SegmentCodec codec = new SegmentCodec(plan, groups);
            List<byte[]> out = new ArrayList<>();
            for (SegmentState seg : sortedSegments()) {
                out.add(codec.encode(seg));
            }
            snap.reply().complete(out);
        } catch (RuntimeException e) {
            // A codec that fails leaves this checkpoint out; the run goes on.
            snap.reply().completeExceptionally(e);
        }
    }

    private SegmentState segment(int index) {
        SegmentState s = segments.get(index);
        if (s == null) {
            s = new SegmentState(index, segmentLabels.getOrDefault(index, Map.of()));
            segments.put(index, s);
        }
        return s;
    }

    /** Adds a batch: routes each record to its pane's (and the baseline's) states, then lets each metric add. */
    void process(Batch batch) {
        boolean windowed = plan.windowed();
        long pane = plan.paneMillis();
        boolean anyBase = false;
        for (int i = 0; i < batch.count; i++) {
            DecodedRecord r = batch.records[i];
            SegmentState seg = segment(r.segment);
            long t = r.timeMillis;
            if (r.baselineOnly) {
                batch.states[i] = null;
                batch.baseStates[i] = seg.baseline(plan, groups);
                seg.baselineVersion++;
                anyBase = true;
                continue;
            }
            batch.states[i] = seg.pane(windowed ? Math.floorDiv(t, pane) : 0L, plan, groups);
            if (t >= baseFrom && t < baseTo) {
                batch.baseStates[i] = seg.baseline(plan, groups);
                seg.baselineVersion++;
                anyBase = true;
            } else {
                batch.baseStates[i] = null;
            }
        }
        for (MetricSlot slot : plan.metrics()) {
            slot.addAll(batch.records, batch.states, batch.count);
            if (anyBase) {
                slot.addAll(batch.records, batch.baseStates, batch.count);
            }
        }
        Arrays.fill(batch.states, 0, batch.count, null);
        Arrays.fill(batch.baseStates, 0, batch.count, null);
    }

    /** Returns {@code [metric][group]} states merged over the panes in {@code [fromPane, toPane)}, or null when none. */
    private Object[][] mergePanes(SegmentState seg, long fromPane, long toPane) {
        NavigableMap<Long, Object[][]> range = seg.panes.subMap(fromPane, true, toPane, false);
        if (range.isEmpty()) {
            return null;
        }
        return mergeStates(new ArrayList<>(range.values()));
    }

    private Object[][] mergeStates(List<Object[][]> parts) {
        Object[][] merged = new Object[plan.metrics().size()][groups];
        for (MetricSlot slot : plan.metrics()) {
            for (int g = 0; g < groups; g++) {
                Object target = slot.newState();
                if (target != null) {
                    for (Object[][] p : parts) {
                        slot.merge(target, p[slot.index()][g]);
                    }
                }
                merged[slot.index()][g] = target;
            }
        }
        return merged;
    }

    private Object[][] baselineFor(SegmentState seg) {
        if (previous > 0) {
            return seg.previous.isEmpty() ? null : mergeStates(new ArrayList<>(seg.previous));
        }
        return seg.baseline;
    }

    private void emitWindow(SegmentState seg, long start, long end, Object[][] states) {
        listener.accept(evaluator.evaluate(seg, start, end, "window", states, baselineFor(seg)));
        if (previous > 0) {
            seg.previous.addLast(states);
            while (seg.previous.size() > previous) {
                seg.previous.removeFirst();
            }
        }
        seg.lastEmittedEnd = Math.max(seg.lastEmittedEnd, end);
    }

    /** Evaluates every window of every segment that ends at or before {@code watermark} (all windows when {@code all}). */
    private void closeWindows(long watermark, boolean all) {
        if (!plan.windowed()) {
            return;
        }
        long p = plan.paneMillis();
        long w = plan.sizeMillis();
        long s = plan.slideMillis();
        for (SegmentState seg : sortedSegments()) {
            if (seg.panes.isEmpty()) {
                continue;
            }
            long firstPaneStart = seg.panes.firstKey() * p;
            long lastPaneStart = seg.panes.lastKey() * p;
            long start = (Math.floorDiv(firstPaneStart - w, s) + 1) * s;
            for (; start <= lastPaneStart && (all || start + w <= watermark); start += s) {
                if (start + w <= seg.lastEmittedEnd) {
                    continue;
                }
                Object[][] states = mergePanes(seg, Math.floorDiv(start, p), Math.floorDiv(start + w, p));
                if (states != null) {
                    emitWindow(seg, start, start + w, states);
                }
            }
            if (!all) {
                seg.dropBefore(Math.floorDiv(start, p));
            }
        }
    }

    private void tick(long now) {
        long p = plan.paneMillis();
        long end = Math.floorDiv(now, p) * p;
        long start = end - plan.sizeMillis();
        for (SegmentState seg : sortedSegments()) {
            if (end > seg.lastEmittedEnd) {
                Object[][] states = mergePanes(seg, Math.floorDiv(start, p), Math.floorDiv(end, p));
                if (states != null) {
                    emitWindow(seg, start, end, states);
                }
            }
            // Keep the panes the next tick's window (one period later) still covers; with a period
            // shorter than the window, dropping up to start + slide lost them.
            seg.dropBefore(Math.floorDiv(end + periodMillis - plan.sizeMillis(), p));
        }
    }

    private List<SegmentState> sortedSegments() {
        List<SegmentState> list = new ArrayList<>(segments.values());
        list.sort((a, b) -> Integer.compare(a.index, b.index));
        return list;
    }

    private void finish(long minTime, long maxTime) {
        if (plan.config().mode() == Mode.STATIC) {
            closeWindows(Long.MAX_VALUE, true);
            if (minTime <= maxTime) {
                for (SegmentState seg : sortedSegments()) {
                    if (seg.panes.isEmpty()) {
                        continue;
                    }
                    Object[][] all = mergeStates(new ArrayList<>(seg.panes.values()));
                    listener.accept(evaluator.evaluate(seg, minTime, maxTime + 1, "total", all,
                            previous > 0 ? null : seg.baseline));
                }
            }
        } else if (plan.config().mode() == Mode.REALTIME) {
            closeWindows(Long.MAX_VALUE, true);
        }
    }
}
