package io.modelwatch.testkit;

import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Table;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Comparisons of {@link MetricValue}s with a relative tolerance, for tests. */
public final class MetricValues {
    private MetricValues() {
    }

    /** Returns whether two numbers agree within {@code relTol} relative (absolute near zero). */
    public static boolean close(double a, double b, double relTol) {
        if (Double.compare(a, b) == 0) {
            return true;
        }
        double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
        return Math.abs(a - b) <= relTol * scale;
    }

    /**
     * Returns null when the values agree (same outputs, counts, tables; numbers within
     * {@code relTol}), or else a description of the first difference.
     */
    public static String difference(MetricValue expected, MetricValue actual, double relTol) {
        if (expected.count() != actual.count()) {
            return "count " + expected.count() + " != " + actual.count();
        }
        if (expected.rejected() != actual.rejected()) {
            return "rejected " + expected.rejected() + " != " + actual.rejected();
        }
        if (!List.copyOf(expected.values().keySet()).equals(List.copyOf(actual.values().keySet()))) {
            return "outputs " + expected.values().keySet() + " != " + actual.values().keySet();
        }
        for (Map.Entry<String, Double> e : expected.values().entrySet()) {
            Double a = actual.values().get(e.getKey());
            Double b = e.getValue();
            if (a == null || b == null ? a != b : !close(b, a, relTol)) {
                return "output " + e.getKey() + ": expected " + b + " but was " + a;
            }
        }
        if (!expected.tables().keySet().equals(actual.tables().keySet())) {
            return "tables " + expected.tables().keySet() + " != " + actual.tables().keySet();
        }
        for (Map.Entry<String, Table> e : expected.tables().entrySet()) {
            String d = tableDifference(e.getValue(), actual.tables().get(e.getKey()), relTol);
            if (d != null) {
                return "table " + e.getKey() + ": " + d;
            }
        }
        return null;
    }

    private static String tableDifference(Table expected, Table actual, double relTol) {
        if (!expected.columns().equals(actual.columns())) {
            return "columns " + expected.columns() + " != " + actual.columns();
        }
        if (expected.rows().size() != actual.rows().size()) {
            return expected.rows().size() + " rows != " + actual.rows().size();
        }
        for (int r = 0; r < expected.rows().size(); r++) {
            for (int c = 0; c < expected.columns().size(); c++) {
                Object x = expected.rows().get(r).get(c);
                Object y = actual.rows().get(r).get(c);
                boolean same = x instanceof Number nx && y instanceof Number ny
                        ? close(nx.doubleValue(), ny.doubleValue(), relTol)
                        : Objects.equals(x, y);
                if (!same) {
                    return "row " + r + " column " + expected.columns().get(c) + ": " + x + " != " + y;
                }
            }
        }
        return null;
    }

    /** Fails with a message naming {@code what} unless the values agree within {@code relTol}. */
    public static void assertClose(MetricValue expected, MetricValue actual, double relTol, String what) {
        String d = difference(expected, actual, relTol);
        if (d != null) {
            throw new AssertionError(what + ": " + d + "\n expected: " + expected + "\n actual:   " + actual);
        }
    }

    /** Returns a stable text form of a value: one {@code name=value} line per output, then the tables. */
    public static String render(MetricValue v) {
        StringBuilder sb = new StringBuilder();
        sb.append("count=").append(v.count()).append('\n');
        sb.append("rejected=").append(v.rejected()).append('\n');
        v.values().forEach((k, x) -> sb.append("value.").append(k).append('=').append(x).append('\n'));
        v.tables().forEach((k, t) -> {
            sb.append("table.").append(k).append('=').append(t.columns()).append('\n');
            for (List<Object> row : t.rows()) {
                sb.append("row.").append(k).append('=').append(row).append('\n');
            }
        });
        return sb.toString();
    }
}
