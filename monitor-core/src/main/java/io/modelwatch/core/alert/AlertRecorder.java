package io.modelwatch.core.alert;

/**
 * Keeps the history of alerts (the store implements it). Implementations are thread-safe and
 * quick; an exception they throw is logged and does not stop evaluation.
 */
public interface AlertRecorder {
    /** Records a change of an alert's state; called once per transition, in order per alert. */
    void transition(AlertTransition t);

    /**
     * Records that a channel could not deliver a transition: it failed after all its retries, or
     * it was dropped because the channel's queue was full or the channel was closing.
     *
     * @param channel the channel's name, such as {@code webhook https://hooks.example.com/modelwatch}
     * @param detail what went wrong, such as {@code HTTP 500 after 4 attempts}
     */
    void deliveryFailed(AlertTransition t, String channel, String detail);

    /** Returns a recorder that keeps nothing (for {@code validate} and tests). */
    static AlertRecorder none() {
        return new AlertRecorder() {
            @Override
            public void transition(AlertTransition t) {
            }

            @Override
            public void deliveryFailed(AlertTransition t, String channel, String detail) {
            }
        };
    }
}
