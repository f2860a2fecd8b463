package io.modelwatch.core.kernel;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.InputKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields one monitor's metrics need: each (field, kind) pair a metric asks for gets a slot,
 * and only those fields are decoded from each line. Filled while metrics are created, then frozen
 * into a {@link RecordDecoder}. Not thread-safe.
 */
final class FieldPlan {
    /** One decoded (field, kind) pair. */
    record Slot(int index, String field, String pointer, InputKind kind) {
    }

    private final Map<String, String> pointers;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    /** @param pointers field name → JSON Pointer, from the monitor's {@code fields:} */
    FieldPlan(Map<String, String> pointers) {
        this.pointers = Map.copyOf(requireNonNull(pointers, "pointers is null"));
    }

    boolean hasField(String field) {
        return pointers.containsKey(field);
    }

    String pointer(String field) {
        return pointers.get(field);
    }

    /**
     * Returns the slot of a field decoded as {@code kind}.
     *
     * @throws IllegalArgumentException when the monitor has no such field
     */
    FieldRef request(String field, InputKind kind) {
        String pointer = pointers.get(field);
        if (pointer == null) {
            throw new IllegalArgumentException("the monitor has no field '" + field + "'; add `" + field
                    + ": /json/pointer` under its fields: (it has: " + String.join(", ", pointers.keySet()) + ")");
        }
        Slot slot = slots.computeIfAbsent(field + "\u0000" + kind, k -> new Slot(slots.size() + 1, field, pointer, kind));
        return new FieldRef(slot.index(), field, kind);
    }

    /** Returns a handle for an optional input the user did not map: it always reads as missing. */
    FieldRef unmapped(String field, InputKind kind) {
        return new FieldRef(0, field, kind);
    }

    List<Slot> slots() {
        return new ArrayList<>(slots.values());
    }

    /** Returns the number of slots a {@link DecodedRecord} needs (slot 0 included). */
    int slotCount() {
        return slots.size() + 1;
    }
}
