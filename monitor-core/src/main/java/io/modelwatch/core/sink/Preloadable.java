package io.modelwatch.core.sink;

import io.modelwatch.core.kernel.WindowResult;
import java.util.List;

/**
 * A sink that shows past results beside new ones (a report page), and so takes the results a
 * resumed service stored before its restart, without writing them anywhere again.
 */
public interface Preloadable {
    /** Takes earlier results of one monitor, oldest first, before any new window arrives. */
    void preload(List<WindowResult> earlier);
}
