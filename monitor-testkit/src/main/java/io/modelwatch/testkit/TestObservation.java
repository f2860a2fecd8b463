package io.modelwatch.testkit;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Observation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Observation} for tests: field values are plain Java objects, as a JSON parser would
 * give them ({@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map},
 * {@code double[]}), looked up by the field's name. Conversions follow the host's documented
 * rules. Immutable once built; unlike the host's observations it may be kept.
 */
public final class TestObservation implements Observation {
    private final long timeMillis;
    private final String id;
    private final Map<String, Object> values;

    private TestObservation(long timeMillis, String id, Map<String, Object> values) {
        this.timeMillis = timeMillis;
        this.id = id;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns a builder for a record at {@code timeMillis}. */
    public static Builder at(long timeMillis) {
        return new Builder(timeMillis);
    }

    /** Builds a {@link TestObservation}. */
    public static final class Builder {
        private final long timeMillis;
        private String id;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(long timeMillis) {
            this.timeMillis = timeMillis;
        }

        /** Sets the record id. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Sets a field; null means present but JSON null. */
        public Builder with(String field, Object value) {
            values.put(field, value);
            return this;
        }

        /** Returns the observation. */
        public TestObservation build() {
            return new TestObservation(timeMillis, id, values);
        }
    }

    private Object raw(FieldRef f) {
        return values.get(f.name());
    }

    @Override
    public long timeMillis() {
        return timeMillis;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String model() {
        return "test-model";
    }

    @Override
    public Map<String, String> segment() {
        return Map.of();
    }

    @Override
    public boolean has(FieldRef field) {
        return raw(field) != null;
    }

    private static String asText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (n instanceof Double || n instanceof Float) {
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            }
            return n.toString();
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return null;
    }

    @Override
    public String text(FieldRef field) {
        return asText(raw(field));
    }

    @Override
    public List<String> texts(FieldRef field) {
        Object v = raw(field);
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(asText(o));
            }
            return out;
        }
        String s = asText(v);
        return s == null ? null : List.of(s);
    }

    private static double asNumber(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    @Override
    public double number(FieldRef field) {
        return asNumber(raw(field));
    }

    @Override
    public double[] numbers(FieldRef field) {
        Object v = raw(field);
        if (v instanceof double[] d) {
            return d;
        }
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = asNumber(list.get(i));
            }
            return out;
        }
        return null;
    }

    @Override
    public long integer(FieldRef field) {
        Object v = raw(field);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return (long) n.doubleValue();
        }
        return MISSING_INTEGER;
    }

    @Override
    public List<String> ids(FieldRef field) {
        Object v = raw(field);
        if (v instanceof List<?>) {
            return texts(field);
        }
        return null;
    }

    @Override
    public Map<String, Double> gradedIds(FieldRef field) {
        Object v = raw(field);
        if (v instanceof Map<?, ?> map) {
            Map<String, Double> out = new LinkedHashMap<>();
            map.forEach((k, g) -> out.put(String.valueOf(k), asNumber(g)));
            return out;
        }
        if (v instanceof List<?> list) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Object o : list) {
                out.put(asText(o), 1.0);
            }
            return out;
        }
        return null;
    }

    @Override
    public boolean flag(FieldRef field) {
        Object v = raw(field);
        return v != null && !Boolean.FALSE.equals(v);
    }

    @Override
    public Object scalar(FieldRef field) {
        Object v = raw(field);
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    @Override
    public String toString() {
        return "TestObservation" + values;
    }
}
