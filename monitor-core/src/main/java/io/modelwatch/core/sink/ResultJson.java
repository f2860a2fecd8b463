package io.modelwatch.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a result back from the JSON object {@link JsonlSink} writes (a stored result, a line of a
 * results file), for reports made after the run. Undefined numbers ({@code null}) come back as
 * null values and NaN interval bounds; whole numbers come back as doubles.
 */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    /**
     * Parses one result.
     *
     * @throws IllegalArgumentException when the text is not such an object
     */
    public static WindowResult parse(String json) {
        JsonNode r;
        try {
            r = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a result: " + e.getOriginalMessage(), e);
        }
        if (r == null || !r.isObject() || !r.path("window").isObject()) {
            throw new IllegalArgumentException("not a result: expected an object with a window");
        }
        try {
            Map<String, String> segment = new LinkedHashMap<>();
            r.path("segment").properties().forEach(e -> segment.put(e.getKey(), e.getValue().asText()));
            Map<String, Boolean> significant = new LinkedHashMap<>();
            r.path("significant").properties().forEach(e -> significant.put(e.getKey(), e.getValue().asBoolean()));
            Map<String, Table> tables = new LinkedHashMap<>();
            r.path("tables").properties().forEach(e -> tables.put(e.getKey(), table(e.getValue())));
            return new WindowResult(text(r, "monitor"), text(r, "model"), text(r, "metric"), text(r, "type"), segment,
                    Instant.parse(r.path("window").path("start").asText()), Instant.parse(r.path("window").path("end").asText()),
                    text(r, "scope"), r.path("count").asLong(), r.path("rejected").asLong(), numbers(r.path("values")),
                    pairs(r.path("intervals")), numbers(r.path("baseline")), numbers(r.path("delta")),
                    pairs(r.path("delta_intervals")), significant, tables, text(r, "error"), numbers(r.path("drift")));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a result: the window's start or end is not an instant", e);
        }
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, Double> numbers(JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : null));
        return out;
    }

    private static Map<String, double[]> pairs(JsonNode node) {
        Map<String, double[]> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), new double[] {bound(e.getValue().get(0)), bound(e.getValue().get(1))}));
        return out;
    }

    private static double bound(JsonNode v) {
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static Table table(JsonNode rows) {
        List<String> columns = new ArrayList<>();
        if (rows.size() > 0) {
            rows.get(0).fieldNames().forEachRemaining(columns::add);
        }
        List<List<Object>> out = new ArrayList<>();
        for (JsonNode row : rows) {
            List<Object> cells = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = row.get(c);
                cells.add(v == null || v.isNull() ? null : v.isNumber() ? (Object) v.asDouble()
                        : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
            }
            out.add(cells);
        }
        return new Table(columns, out);
    }
}
