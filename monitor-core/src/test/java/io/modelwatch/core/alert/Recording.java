package io.modelwatch.core.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test support: a recorder and a channel that keep what they receive. Thread-safe. */
final class Recording implements AlertRecorder {
    final List<AlertTransition> transitions = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public void transition(AlertTransition t) {
        transitions.add(t);
    }

    @Override
    public void deliveryFailed(AlertTransition t, String channel, String detail) {
        failures.add(t.rule() + " " + t.to() + " | " + channel + " | " + detail);
    }

    /** Each transition as {@code "<segment> <rule>: from -> to @<window number>"}. */
    static List<String> brief(List<AlertTransition> ts) {
        return ts.stream().map(t -> (t.segment().isEmpty() ? "" : t.segment() + " ") + t.rule() + ": " + t.from()
                + " -> " + t.to() + " @" + (t.windowStart().getEpochSecond() - Results.T0.getEpochSecond()) / 3600)
                .toList();
    }

    /** A channel that keeps every transition. */
    static final class Channel implements AlertChannel {
        final List<AlertTransition> delivered = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public String name() {
            return "test";
        }

        @Override
        public void deliver(AlertTransition t) {
            delivered.add(t);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
