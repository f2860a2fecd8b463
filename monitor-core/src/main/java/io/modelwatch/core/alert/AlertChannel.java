package io.modelwatch.core.alert;

/**
 * A destination of alert transitions: the log, a JSON Lines file, a webhook. Implementations are
 * thread-safe. {@link #deliver} must return quickly — a channel that talks to the network queues
 * the transition and delivers it on its own thread — because it is called while windows are
 * evaluated.
 */
public interface AlertChannel extends AutoCloseable {
    /** Returns a name for messages and for {@link AlertRecorder#deliveryFailed}, such as {@code jsonl data/alerts.jsonl}. */
    String name();

    /**
     * Delivers (or queues) one transition.
     *
     * @throws RuntimeException when it cannot; the caller records it as a failed delivery
     */
    void deliver(AlertTransition t);

    /** Delivers what is queued, within a bound, and releases the channel's resources. */
    @Override
    default void close() {
    }
}
