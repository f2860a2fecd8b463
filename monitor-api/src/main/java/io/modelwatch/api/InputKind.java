package io.modelwatch.api;

/**
 * The shape of a logical input, which decides how the host decodes the field from the log and
 * which {@link Observation} accessor a metric uses to read it.
 */
public enum InputKind {
    /** One string; read with {@link Observation#text}. */
    TEXT,
    /** A list of strings (a single string counts as a list of one); read with {@link Observation#texts}. */
    TEXTS,
    /** One number (a numeric string is accepted); read with {@link Observation#number}. */
    NUMBER,
    /** An array of numbers; read with {@link Observation#numbers}. */
    NUMBERS,
    /** One whole number; read with {@link Observation#integer}. */
    INTEGER,
    /** A list of item ids; numbers in the log are read as their text; read with {@link Observation#ids}. */
    IDS,
    /**
     * Graded item ids: an object id → grade, or a plain list meaning grade 1 for each; read with
     * {@link Observation#gradedIds}.
     */
    GRADED_IDS,
    /** A flag: true when the field is present and neither null nor false; read with {@link Observation#flag}. */
    FLAG,
    /** A number or a string, whichever the log holds (for example a class index or a class name). */
    SCALAR
}
