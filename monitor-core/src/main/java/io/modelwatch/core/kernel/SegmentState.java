package io.modelwatch.core.kernel;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The states of one (monitor, segment) on its shard: one {@code [metric][group]} array per pane,
 * the baseline's, and the previous windows' for {@code baseline: {previous: N}}. Touched only by
 * the owning shard's thread.
 */
final class SegmentState {
    final int index;
    final Map<String, String> labels;
    final TreeMap<Long, Object[][]> panes = new TreeMap<>();
    final ArrayDeque<Object[][]> previous = new ArrayDeque<>();
    Object[][] baseline;
    /** Rises whenever records are added to the baseline, so cached baseline results know they are stale. */
    long baselineVersion;
    long lastEmittedEnd = Long.MIN_VALUE;
    private long cachedPane = Long.MIN_VALUE;
    private Object[][] cached;

    SegmentState(int index, Map<String, String> labels) {
        this.index = index;
        // Keep segment-by order: Map.copyOf's iteration order changes from one JVM run to the next.
        this.labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** Returns the states of a pane, creating them on first use. */
    Object[][] pane(long pane, MonitorPlan plan, int groups) {
        if (pane == cachedPane && cached != null) {
            return cached;
        }
        Object[][] states = panes.get(pane);
        if (states == null) {
            states = newStates(plan, groups);
            panes.put(pane, states);
        }
        cachedPane = pane;
        cached = states;
        return states;
    }

    /** Returns the baseline's states, creating them on first use. */
    Object[][] baseline(MonitorPlan plan, int groups) {
        if (baseline == null) {
            baseline = newStates(plan, groups);
        }
        return baseline;
    }

    /** Drops panes before {@code pane} (they belong only to windows already evaluated). */
    void dropBefore(long pane) {
        panes.headMap(pane, false).clear();
        if (cachedPane < pane) {
            cachedPane = Long.MIN_VALUE;
            cached = null;
        }
    }

    static Object[][] newStates(MonitorPlan plan, int groups) {
        Object[][] states = new Object[plan.metrics().size()][groups];
        for (MetricSlot slot : plan.metrics()) {
            for (int g = 0; g < groups; g++) {
                states[slot.index()][g] = slot.newState();
            }
        }
        return states;
    }
}
