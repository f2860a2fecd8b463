package io.modelwatch.core.sink;

import io.modelwatch.core.kernel.ResultListener;

/** A destination of results. Implementations are thread-safe; {@link #close()} flushes. */
public interface ResultSink extends ResultListener, AutoCloseable {
    @Override
    void close();
}
