package io.modelwatch.core.kernel;

/** A checkpoint that cannot be restored (written by an incompatible plugin version, or damaged); the message says why and what to do. */
public final class CheckpointRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointRefusedException(String message) {
        super(message);
    }

    public CheckpointRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
