package io.modelwatch.core.store;

/**
 * The results store cannot be opened, read or written. The message says which database (its URL,
 * without a password), what failed and what to try.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
