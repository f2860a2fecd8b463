package io.modelwatch.core.kernel;

import java.util.List;

/** Receives the results of one evaluated (monitor, segment, window). Implementations are thread-safe. */
@FunctionalInterface
public interface ResultListener {
    /** Receives the results of every metric of one window, in the monitor's metric order. */
    void accept(List<WindowResult> window);
}
