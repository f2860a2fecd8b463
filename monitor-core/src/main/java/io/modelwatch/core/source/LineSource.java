package io.modelwatch.core.source;

import java.io.Closeable;
import java.io.IOException;

/**
 * A source of text lines with their origin. Used by one reader thread.
 */
public interface LineSource extends Closeable {
    /**
     * Returns the next line without its terminator, or null at the end of input. A followed
     * source waits for more data instead, until {@link #stop()} is called.
     */
    String nextLine() throws IOException;

    /** Returns the name of the file the last line came from ({@code -} for standard input). */
    String currentName();

    /** Returns the 1-based number of the last line within its file. */
    long lineNumber();

    /** Asks a followed source to return null from its next wait; safe from any thread. */
    default void stop() {
    }
}
