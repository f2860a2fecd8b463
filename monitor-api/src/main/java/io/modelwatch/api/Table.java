package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small table in a metric's result, such as the bins of a reliability diagram or a
 * signature string. Immutable.
 *
 * @param columns the column names; never null
 * @param rows the rows, each as long as {@code columns}; cells are {@link String},
 *     {@link Number}, {@link Boolean} or null
 */
public record Table(List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        List<List<Object>> copy = new ArrayList<>(requireNonNull(rows, "rows is null").size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells but the table has "
                        + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Returns a table of one column and one row, such as a metric's signature. */
    public static Table single(String column, Object value) {
        List<Object> row = new ArrayList<>(1);
        row.add(value);
        return new Table(List.of(column), List.of(row));
    }
}
