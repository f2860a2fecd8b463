package io.modelwatch.testkit;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.ParamSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MetricSpec} for tests: parameters are the factory's defaults overridden by
 * {@link #param}; each input or field is bound to the field of the same name, which is what
 * {@link TestObservation} reads. Not thread-safe.
 */
public final class TestMetricSpec implements MetricSpec {
    private final MetricFactory factory;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, String> inputBindings = new LinkedHashMap<>();
    private final List<FieldRef> fields = new ArrayList<>();
    private Path baseDir = Path.of(".");

    private TestMetricSpec(MetricFactory factory) {
        this.factory = requireNonNull(factory, "factory is null");
        for (ParamSpec p : factory.params()) {
            params.put(p.name(), p.defaultValue());
        }
    }

    /** Returns a spec with the factory's default parameters. */
    public static TestMetricSpec of(MetricFactory factory) {
        return new TestMetricSpec(factory);
    }

    /**
     * Sets a parameter. Values use the Java types {@link MetricSpec} returns: {@code String},
     * {@code Long} (an {@code Integer} is widened), {@code Double}, {@code Boolean},
     * {@code List<Long>}, {@code List<String>}.
     */
    public TestMetricSpec param(String name, Object value) {
        if (factory.params().stream().noneMatch(p -> p.name().equals(name))) {
            throw new IllegalArgumentException("factory " + factory.type() + " declares no parameter " + name);
        }
        params.put(name, normalize(value));
        return this;
    }

    /** Reads the logical input {@code input} from the field {@code field} instead of the field of the same name. */
    public TestMetricSpec bind(String input, String field) {
        inputBindings.put(input, field);
        return this;
    }

    /** Sets the folder {@link #path} resolves against. */
    public TestMetricSpec baseDir(Path baseDir) {
        this.baseDir = requireNonNull(baseDir, "baseDir is null");
        return this;
    }

    /** Creates the metric. */
    @SuppressWarnings("unchecked")
    public <S> Metric<S> create() {
        return (Metric<S>) factory.create(this);
    }

    private static Object normalize(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(o instanceof Integer i ? (Object) i.longValue() : o);
            }
            return List.copyOf(out);
        }
        return value;
    }

    @Override
    public String type() {
        return factory.type();
    }

    @Override
    public String name() {
        return factory.type();
    }

    @Override
    public String monitor() {
        return "test";
    }

    @Override
    public Map<String, Object> params() {
        return java.util.Collections.unmodifiableMap(params);
    }

    @Override
    public boolean has(String param) {
        return params.get(declared(param)) != null;
    }

    private String declared(String param) {
        if (!params.containsKey(param)) {
            throw new IllegalArgumentException("factory " + factory.type() + " declares no parameter " + param);
        }
        return param;
    }

    private Object required(String param) {
        Object v = params.get(declared(param));
        if (v == null) {
            throw new IllegalStateException("parameter " + param + " has no value");
        }
        return v;
    }

    @Override
    public String string(String param) {
        Object v = params.get(declared(param));
        return v == null ? null : v.toString();
    }

    @Override
    public long integer(String param) {
        return ((Number) required(param)).longValue();
    }

    @Override
    public double number(String param) {
        return ((Number) required(param)).doubleValue();
    }

    @Override
    public boolean bool(String param) {
        return (Boolean) required(param);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Long> integers(String param) {
        Object v = params.get(declared(param));
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> ? (List<Long>) v : List.of(((Number) v).longValue());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> strings(String param) {
        Object v = params.get(declared(param));
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> ? (List<String>) v : List.of(v.toString());
    }

    @Override
    public Path path(String param) {
        String v = string(param);
        return v == null ? null : baseDir.resolve(v);
    }

    @Override
    public FieldRef input(String inputName) {
        InputSpec spec = factory.inputs().stream()
                .filter(i -> i.name().equals(inputName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "factory " + factory.type() + " declares no input " + inputName));
        return field(inputBindings.getOrDefault(inputName, inputName), spec.kind());
    }

    @Override
    public FieldRef field(String fieldName, InputKind kind) {
        FieldRef ref = new FieldRef(fields.size(), fieldName, kind);
        fields.add(ref);
        return ref;
    }
}
