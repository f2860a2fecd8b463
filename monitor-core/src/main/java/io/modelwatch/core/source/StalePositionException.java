package io.modelwatch.core.source;

import java.io.IOException;

/** A checkpointed source position that does not describe the input any more (file gone, replaced or shorter). */
public final class StalePositionException extends IOException {
    private static final long serialVersionUID = 1L;

    public StalePositionException(String message) {
        super(message);
    }
}
