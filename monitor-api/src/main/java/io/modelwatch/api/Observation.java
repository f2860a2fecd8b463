package io.modelwatch.api;

import java.util.List;
import java.util.Map;

/**
 * One prediction record as a metric sees it: event time, model, segment and typed access to the
 * fields the metric asked for through {@link MetricSpec}.
 *
 * <p>An observation and everything it returns are valid only during the
 * {@link Metric#add} call that received it: the host reuses them for the next record. Returned
 * arrays and collections must not be changed or kept. Accessors never throw for bad input;
 * they return the documented "missing" value, and the metric counts the record as rejected.
 * Not thread-safe.
 */
public interface Observation {

    /** The value {@link #integer} returns for a missing or non-integral field. */
    long MISSING_INTEGER = Long.MIN_VALUE;

    /** Returns the record's event time in milliseconds since the epoch (UTC). */
    long timeMillis();

    /** Returns the record's id (the {@code id} field), or null when the monitor maps none. */
    String id();

    /** Returns the model name of the monitor. Never null. */
    String model();

    /** Returns the record's segment labels, empty when the monitor is not segmented. Never null. */
    Map<String, String> segment();

    /** Returns whether the field is present and not JSON null. */
    boolean has(FieldRef field);

    /** Returns a {@link InputKind#TEXT} field (a number or boolean as its JSON text); null when missing. */
    String text(FieldRef field);

    /** Returns a {@link InputKind#TEXTS} field; a single string is a list of one; null when missing. */
    List<String> texts(FieldRef field);

    /** Returns a {@link InputKind#NUMBER} field (a numeric string is parsed); NaN when missing or not a number. */
    double number(FieldRef field);

    /** Returns a {@link InputKind#NUMBERS} field; elements that are not numbers are NaN; null when missing. */
    double[] numbers(FieldRef field);

    /** Returns an {@link InputKind#INTEGER} field; {@link #MISSING_INTEGER} when missing or not integral. */
    long integer(FieldRef field);

    /** Returns an {@link InputKind#IDS} field, numbers as their text; null when missing. */
    List<String> ids(FieldRef field);

    /**
     * Returns a {@link InputKind#GRADED_IDS} field as id → grade in the log's order; a plain list
     * gives grade 1 for each id; null when missing.
     */
    Map<String, Double> gradedIds(FieldRef field);

    /** Returns a {@link InputKind#FLAG} field: true when present and neither null nor {@code false}. */
    boolean flag(FieldRef field);

    /**
     * Returns a {@link InputKind#SCALAR} field: a {@link String}, a {@link Double} or a
     * {@link Boolean}; null when missing or not a scalar.
     */
    Object scalar(FieldRef field);
}
