package io.modelwatch.bench.recsys;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Observation;
import io.modelwatch.bench.BenchObservation;
import java.util.List;
import java.util.Map;

/**
 * An {@link Observation} over values decoded ahead of time, as the host hands them to a metric
 * after parsing: the recommended ids and the graded relevant ids. Lookups cost a field-name check
 * and nothing is allocated, so a benchmark measures {@code add()} alone. Immutable.
 */
final class PreparedObservation extends BenchObservation {
    private final List<String> recommended;
    private final Map<String, Double> relevant;

    PreparedObservation(List<String> recommended, Map<String, Double> relevant) {
        super("ranker-v3");
        this.recommended = requireNonNull(recommended, "recommended is null");
        this.relevant = requireNonNull(relevant, "relevant is null");
    }

    @Override
    public boolean has(FieldRef field) {
        return field.name().equals("recommended") || field.name().equals("relevant");
    }

    @Override
    public List<String> ids(FieldRef field) {
        return field.name().equals("recommended") ? recommended : null;
    }

    @Override
    public Map<String, Double> gradedIds(FieldRef field) {
        return field.name().equals("relevant") ? relevant : null;
    }
}
