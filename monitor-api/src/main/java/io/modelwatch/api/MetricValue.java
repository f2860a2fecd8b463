package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a metric over one state: named scalar outputs, optional tables, and how many
 * records were counted and rejected. Immutable.
 *
 * <p>An output that is undefined for the state (no data, a division by zero, an infinite value)
 * is present with a null value, so every window has the same output names. Only the host
 * interprets a value; plugins build them with {@link #builder()}.
 *
 * @param values output name → value (null when undefined), in the metric's order; never null
 * @param tables table name → table, in the metric's order; never null
 * @param count records the state accepted
 * @param rejected records the state counted as bad input
 */
public record MetricValue(Map<String, Double> values, Map<String, Table> tables, long count, long rejected) {
    public MetricValue {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(tables, "tables is null")));
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns an output's value, or null when it is undefined or absent. */
    public Double value(String name) {
        return values.get(name);
    }

    /** Builds a {@link MetricValue}; not thread-safe. */
    public static final class Builder {
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final Map<String, Table> tables = new LinkedHashMap<>();
        private long count;
        private long rejected;

        private Builder() {
        }

        /** Sets how many records were accepted. */
        public Builder count(long count) {
            this.count = count;
            return this;
        }

        /** Sets how many records were rejected as bad input. */
        public Builder rejected(long rejected) {
            this.rejected = rejected;
            return this;
        }

        /** Adds an output; NaN and infinite values are stored as undefined (null). */
        public Builder put(String name, double value) {
            values.put(requireNonNull(name, "name is null"), Double.isFinite(value) ? value : null);
            return this;
        }

        /** Adds an undefined output. */
        public Builder putUndefined(String name) {
            values.put(requireNonNull(name, "name is null"), null);
            return this;
        }

        /** Adds a table. */
        public Builder table(String name, Table table) {
            tables.put(requireNonNull(name, "name is null"), requireNonNull(table, "table is null"));
            return this;
        }

        /** Returns the value. */
        public MetricValue build() {
            return new MetricValue(values, tables, count, rejected);
        }
    }
}
