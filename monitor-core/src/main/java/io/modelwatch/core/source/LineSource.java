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

    /**
     * Moves to the next line, which {@link #lineBytes()} (UTF-8, without its terminator) and
     * {@link #lineText()} then show until the next call; false at the end of input (a followed
     * source waits instead, as {@link #nextLine()} does).
     */
    boolean advance() throws IOException;

    /** The current line's bytes: {@link #lineLength()} of them from {@link #lineOffset()}; valid until the next advance. */
    byte[] lineBytes();

    int lineOffset();

    int lineLength();

    /** The current line as text. */
    String lineText();

    /** Returns the name of the file the last line came from ({@code -} for standard input). */
    String currentName();

    /** Returns the 1-based number of the last line within its file. */
    long lineNumber();

    /** Asks a followed source to return null from its next wait; safe from any thread. */
    default void stop() {
    }
}
