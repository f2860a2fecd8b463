package io.modelwatch.core.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A monitor's checkpoint as stored. Immutable: {@link #data()} returns a copy.
 *
 * @param fingerprint what the checkpointed states were computed for, as given when saved
 * @param writtenAt when it was saved (the store's clock, millisecond precision)
 * @param data the checkpoint's bytes
 */
public record StoredCheckpoint(String fingerprint, Instant writtenAt, byte[] data) {
    public StoredCheckpoint {
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(writtenAt, "writtenAt is null");
        data = requireNonNull(data, "data is null").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
