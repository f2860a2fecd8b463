package io.modelwatch.bench;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Observation;
import java.util.List;
import java.util.Map;

/**
 * The base of the benchmarks' observations over values decoded ahead of time: every field is
 * missing unless a subclass answers for it, so each benchmark states only the inputs it feeds
 * and a lookup costs a name check.
 */
public abstract class BenchObservation implements Observation {
    private final String model;

    protected BenchObservation(String model) {
        this.model = model;
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
        return model;
    }

    @Override
    public Map<String, String> segment() {
        return Map.of();
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
        return null;
    }

    @Override
    public Map<String, Double> gradedIds(FieldRef field) {
        return null;
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
