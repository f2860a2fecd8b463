package io.modelwatch.core.store;

/**
 * The database could not be reached, or dropped the connection: the work may succeed later,
 * unlike a {@link StoreException} the database itself raised.
 */
public final class StoreUnreachableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
