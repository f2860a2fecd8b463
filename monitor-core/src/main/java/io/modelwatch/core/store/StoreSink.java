package io.modelwatch.core.store;

import static java.util.Objects.requireNonNull;

import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.ResultSink;
import java.util.List;

/**
 * A result sink that saves each evaluated window to a {@link ResultStore}, one transaction per
 * window. Thread-safe. The store is shared (alerts and checkpoints use it too), so its owner
 * closes it: {@link #close()} leaves it open.
 */
public final class StoreSink implements ResultSink {
    private final ResultStore store;

    public StoreSink(ResultStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Saves the window's results; a window saved before is replaced. */
    @Override
    public void accept(List<WindowResult> window) {
        store.saveResults(window);
    }

    /** Does nothing: the store belongs to whoever opened it. */
    @Override
    public void close() {
        // The store outlives its sinks.
    }
}
