package io.modelwatch.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The versioned binary form of a metric state, used for checkpoints and to move states between
 * machines.
 *
 * <p>The format is the codec's own, written with {@link DataOutput} (no Java serialization, no
 * Kryo). {@link #version()} names the format written today; {@link #decode} must read every
 * version that was ever released, so a checkpoint written by an old release still loads.
 * Implementations are immutable and thread-safe.
 *
 * @param <S> the state type
 */
public interface StateCodec<S> {

    /** Returns the format version {@link #encode} writes; positive, rising with each change. */
    int version();

    /**
     * Writes a state, without its version (the host and {@link #toBytes} write the version).
     *
     * @throws IOException when the output fails
     */
    void encode(S state, DataOutput out) throws IOException;

    /**
     * Reads a state written by {@link #encode} in the given format version.
     *
     * @param version the version the state was written in; never newer than {@link #version()}
     * @throws IOException when the input is truncated or malformed
     */
    S decode(DataInput in, int version) throws IOException;

    /** Returns the state as bytes: the format version as an {@code int}, then the encoding. */
    default byte[] toBytes(S state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(version());
            encode(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads bytes written by {@link #toBytes}.
     *
     * @throws IllegalArgumentException when the bytes are malformed or come from a newer format
     */
    default S fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version < 1 || version > version()) {
                throw new IllegalArgumentException("state format version " + version
                        + " is not readable by this codec (it reads versions 1 to " + version() + ")");
            }
            S state = decode(in, version);
            if (in.read() != -1) {
                throw new IllegalArgumentException("state bytes have trailing data after the state");
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("state bytes are truncated or malformed: " + e.getMessage(), e);
        }
    }
}
