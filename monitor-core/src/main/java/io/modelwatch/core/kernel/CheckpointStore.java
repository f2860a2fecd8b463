package io.modelwatch.core.kernel;

import java.util.Optional;

/**
 * Where checkpoints of monitors are kept (the results store). Implementations are thread-safe and
 * replace a monitor's checkpoint atomically: a reader sees the old one or the new one, never a mix.
 */
public interface CheckpointStore {
    /** Replaces the checkpoint of a monitor. */
    void save(String monitor, String fingerprint, byte[] data);

    /** Returns the checkpoint of a monitor's last run, if any. */
    Optional<byte[]> load(String monitor);

    /** Removes the checkpoint of a monitor (its run finished). */
    void delete(String monitor);

    /**
     * State of the run's own that belongs in a monitor's checkpoint (such as its alerts' states),
     * taken when every result evaluated before the checkpoint has been delivered.
     */
    interface Attachment {
        /** Returns the state to keep for a monitor; empty for none. */
        byte[] save(String monitor);

        /** Puts back what {@link #save} returned, before the monitor's first result. */
        void restore(String monitor, byte[] data);
    }
}
