package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

/**
 * A handle to one decoded field of a record, obtained once from {@link MetricSpec} when the
 * metric is created and then used on every {@link Observation}.
 *
 * <p>Lookups through a handle are array accesses, not map lookups, so the hot path stays cheap.
 *
 * @param slot the host's index of the field; only meaningful to the host that issued it
 * @param name the field's name under the monitor's {@code fields:}; never null
 * @param kind how the field is decoded; never null
 */
public record FieldRef(int slot, String name, InputKind kind) {
    public FieldRef {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }
}
