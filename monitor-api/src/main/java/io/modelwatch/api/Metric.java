package io.modelwatch.api;

/**
 * A mergeable metric: a stateless function over a separate mutable state {@code S}.
 *
 * <p>A {@code Metric} is immutable and thread-safe; all mutable data lives in the state. A state
 * is used by one thread at a time (the host guarantees it). The host builds one state per
 * (window pane, segment, random group), adds records to it, merges states to form windows and
 * intervals, and reads results. Therefore the following laws must hold (the testkit checks
 * them):
 * <ul>
 *   <li>{@code merge(s, newState())} leaves {@code s}'s result unchanged;</li>
 *   <li>merge is associative and commutative (up to floating-point rounding);</li>
 *   <li>adding records to several states and merging them gives the result of adding all records
 *       to one state;</li>
 *   <li>{@code result} never changes the state;</li>
 *   <li>{@code codec().decode(codec().encode(s))} behaves exactly like {@code s}.</li>
 * </ul>
 *
 * <p>Bad input inside a record (a missing field, a NaN, an empty list where one is needed) is
 * counted in the state as rejected, never thrown. An exception from any method is treated as a
 * bug: the host marks the metric failed and keeps the rest of the monitor running.
 *
 * @param <S> the state (accumulator) type
 */
public interface Metric<S> {

    /** Returns a new empty state. Never null. */
    S newState();

    /**
     * Adds one record to a state. This is the hot path: implementations should not allocate per
     * call where it can be avoided.
     *
     * @param state the state to change; never null
     * @param observation the record; valid only during this call (do not keep it); never null
     */
    void add(S state, Observation observation);

    /**
     * Merges {@code source} into {@code target}.
     *
     * @param target the state to change; never null
     * @param source the state to read; never changed, never null
     */
    void merge(S target, S source);

    /**
     * Returns the metric's value for a state, without changing it.
     *
     * @param state the state to read; never null
     * @return the value; never null. An empty state gives a value whose outputs are null.
     */
    MetricValue result(S state);

    /** Returns the versioned binary form of the state. Never null. */
    StateCodec<S> codec();

    /**
     * Returns distribution-level drift statistics of a state against a baseline state, for
     * metrics whose drift is more than the difference of their outputs: for example a
     * population stability index, or a Kolmogorov–Smirnov or χ² statistic with its p-value
     * (outputs ending in {@code _p_value} are p-values; the host includes them in its
     * false-discovery control). The host calls it when the monitor has a baseline and reports
     * the values under {@code drift}. Neither state is changed.
     *
     * @return named statistics (undefined ones as null); the default has none
     */
    default MetricValue drift(S current, S baseline) {
        return MetricValue.builder().build();
    }
}
