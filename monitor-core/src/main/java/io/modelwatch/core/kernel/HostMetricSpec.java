package io.modelwatch.core.kernel;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The host's {@link MetricSpec}: bound parameters, plus input resolution against the monitor's
 * {@link FieldPlan}. A required input without a field is an {@link IllegalArgumentException},
 * which the plan builder reports as a configuration error.
 */
final class HostMetricSpec implements MetricSpec {
    private final MetricFactory factory;
    private final String name;
    private final String monitor;
    private final Map<String, Object> params;
    private final Map<String, String> inputBindings;
    private final FieldPlan plan;
    private final Path baseDir;

    HostMetricSpec(MetricFactory factory, String name, String monitor, Map<String, Object> params,
                   Map<String, String> inputBindings, FieldPlan plan, Path baseDir) {
        this.factory = factory;
        this.name = name;
        this.monitor = monitor;
        this.params = Collections.unmodifiableMap(params);
        this.inputBindings = Map.copyOf(inputBindings);
        this.plan = plan;
        this.baseDir = baseDir;
    }

    @Override
    public String type() {
        return factory.type();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String monitor() {
        return monitor;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    private Object value(String param) {
        if (!params.containsKey(param)) {
            throw new IllegalStateException(factory.type() + " read parameter '" + param + "', which it does not declare");
        }
        return params.get(param);
    }

    private Object required(String param) {
        Object v = value(param);
        if (v == null) {
            throw new IllegalStateException("parameter '" + param + "' of " + factory.type() + " has no value");
        }
        return v;
    }

    @Override
    public boolean has(String param) {
        return value(param) != null;
    }

    @Override
    public String string(String param) {
        Object v = value(param);
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
        Object v = value(param);
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> ? (List<Long>) v : List.of(((Number) v).longValue());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> strings(String param) {
        Object v = value(param);
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> ? (List<String>) v : List.of(v.toString());
    }

    @Override
    public Path path(String param) {
        String v = string(param);
        return v == null ? null : baseDir.resolve(v).normalize();
    }

    @Override
    public FieldRef input(String inputName) {
        InputSpec spec = factory.inputs().stream().filter(i -> i.name().equals(inputName)).findFirst()
                .orElseThrow(() -> new IllegalStateException(factory.type() + " asked for input '" + inputName
                        + "', which it does not declare"));
        String field = inputBindings.getOrDefault(inputName, inputName);
        if (!plan.hasField(field)) {
            if (!spec.required()) {
                return plan.unmapped(field, spec.kind());
            }
            throw new IllegalArgumentException("input '" + inputName + "' (" + spec.description() + ") needs a field:"
                    + " add `" + field + ": /json/pointer` under the monitor's fields:, or map it to another field with"
                    + " inputs: {" + inputName + ": <field>}");
        }
        return plan.request(field, spec.kind());
    }

    @Override
    public FieldRef field(String fieldName, InputKind kind) {
        return plan.request(fieldName, kind);
    }
}
