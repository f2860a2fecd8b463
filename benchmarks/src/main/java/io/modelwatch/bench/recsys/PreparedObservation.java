package io.modelwatch.bench.recsys;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Observation;
import java.util.List;
import java.util.Map;

/**
 * An {@link Observation} over values decoded ahead of time, as the host hands them to a metric
 * after parsing: the recommended ids and the graded relevant ids. Lookups cost a field-name check
 * and nothing is allocated, so a benchmark measures {@code add()} alone. Immutable.
 */
final class PreparedObservation implements Observation {
    private final List<String> recommended;
    private final Map<String, Double> relevant;

    PreparedObservation(List<String> recommended, Map<String, Double> relevant) {
        this.recommended = requireNonNull(recommended, "recommended is null");
        this.relevant = requireNonNull(relevant, "relevant is null");
    }

    @Override
    public long timeMillis() {
        return 0;
    }

    @Override
    public String id() {
        return null;
    }

    @Override
    public String model() {
        return "ranker-v3";
    }

    @Override
    public Map<String, String> segment() {
        return Map.of();
    }

    @Override
    public boolean has(FieldRef field) {
        return field.name().equals("recommended") || field.name().equals("relevant");
    }

    @Override
    public String text(FieldRef field) {
        return null;
    }

    @Override
    public List<String> texts(FieldRef field) {
        return null;
    }

    @Override
    public double number(FieldRef field) {
        return Double.NaN;
    }

    @Override
    public double[] numbers(FieldRef field) {
        return null;
    }

    @Override
    public long integer(FieldRef field) {
        return MISSING_INTEGER;
    }

    @Override
    public List<String> ids(FieldRef field) {
        return field.name().equals("recommended") ? recommended : null;
    }

    @Override
    public Map<String, Double> gradedIds(FieldRef field) {
        return field.name().equals("relevant") ? relevant : null;
    }

    @Override
    public boolean flag(FieldRef field) {
        return false;
    }

    @Override
    public Object scalar(FieldRef field) {
        return null;
    }
}
