package io.modelwatch.core.kernel;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Observation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decoded record, reused for many lines: the fields some metric asked for, in slots
 * addressed by {@link FieldRef#slot()}. Slot 0 is never filled (it stands for an optional input
 * the user did not map). Used by one thread at a time.
 */
final class DecodedRecord implements Observation {
    final double[] num;
    final long[] integer;
    final Object[] obj;
    final boolean[] present;
    final boolean[] flag;
    long timeMillis;
    String id;
    int segment;
    int group;
    long lineNumber;
    boolean baselineOnly;
    private final String model;
    private Map<String, String> segmentLabels = Map.of();

    DecodedRecord(int slots, String model) {
        num = new double[slots];
        integer = new long[slots];
        obj = new Object[slots];
        present = new boolean[slots];
        flag = new boolean[slots];
        this.model = model;
    }

    void clear() {
        Arrays.fill(present, false);
        Arrays.fill(flag, false);
        Arrays.fill(obj, null);
        Arrays.fill(num, Double.NaN);
        Arrays.fill(integer, MISSING_INTEGER);
        id = null;
        timeMillis = Long.MIN_VALUE;
    }

    void segmentLabels(Map<String, String> labels) {
        this.segmentLabels = labels;
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
        return model;
    }

    @Override
    public Map<String, String> segment() {
        return segmentLabels;
    }

    @Override
    public boolean has(FieldRef field) {
        return present[field.slot()];
    }

    @Override
    public String text(FieldRef field) {
        return obj[field.slot()] instanceof String s ? s : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> texts(FieldRef field) {
        return obj[field.slot()] instanceof List<?> l ? (List<String>) l : null;
    }

    @Override
    public double number(FieldRef field) {
        return num[field.slot()];
    }

    @Override
    public double[] numbers(FieldRef field) {
        return obj[field.slot()] instanceof double[] d ? d : null;
    }

    @Override
    public long integer(FieldRef field) {
        return integer[field.slot()];
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> ids(FieldRef field) {
        return obj[field.slot()] instanceof List<?> l ? (List<String>) l : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Double> gradedIds(FieldRef field) {
        return obj[field.slot()] instanceof LinkedHashMap<?, ?> m ? (Map<String, Double>) m : null;
    }

    @Override
    public boolean flag(FieldRef field) {
        return flag[field.slot()];
    }

    @Override
    public Object scalar(FieldRef field) {
        Object o = obj[field.slot()];
        return o instanceof String || o instanceof Double || o instanceof Boolean ? o : null;
    }
}
