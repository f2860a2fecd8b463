package io.modelwatch.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Prints stored results (their JSON lines) for {@code modelwatch history}:
 * <ul>
 *   <li>{@code table}: a heading, then one aligned row per result: window start and end, scope
 *       (only when some result covers a static run's whole input), segment, metric, count and
 *       each output as {@code name=value}, with {@code *} when it differs significantly from the
 *       baseline;
 *   <li>{@code jsonl}: the stored lines as they are;
 *   <li>{@code csv} (RFC 4180): a header, then one row per (result, output) so that results of
 *       metrics with different outputs share one set of columns; a result without outputs (a
 *       failed metric) has one row with an empty {@code output}. Numbers are written as stored,
 *       the segment as JSON.
 * </ul>
 */
final class HistoryOutput {
    /** The columns of the csv format. */
    static final List<String> CSV_COLUMNS = List.of("monitor", "model", "metric", "type", "segment", "window_start",
            "window_end", "scope", "count", "rejected", "output", "value", "low", "high", "baseline", "delta",
            "delta_low", "delta_high", "significant", "error");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An output format. */
    enum Format {
        TABLE, JSONL, CSV, HTML;

        static Optional<Format> of(String name) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(name.strip())) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final PrintWriter out;

    HistoryOutput(PrintWriter out) {
        this.out = out;
    }

    /**
     * Prints results.
     *
     * @param what what was asked for, for the table's heading
     * @param limited whether there may be more (the limit was reached), for the table's closing note
     */
    void print(Format format, List<String> bodies, String what, boolean limited) {
        switch (format) {
            case JSONL -> bodies.forEach(out::println);
            case CSV -> csv(bodies);
            case TABLE -> table(bodies, what, limited);
            case HTML -> out.print(io.modelwatch.core.sink.HtmlReport.render("ModelWatch report: " + what,
                    bodies.stream().map(io.modelwatch.core.sink.ResultJson::parse).toList(), java.time.Instant.now()));
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
    }

    private void table(List<String> bodies, String what, boolean limited) {
        if (bodies.isEmpty()) {
            out.println("no stored results for " + what);
            return;
        }
        List<JsonNode> results = bodies.stream().map(HistoryOutput::parse).toList();
        boolean scopes = results.stream().anyMatch(r -> !"window".equals(r.path("scope").asText()));
        List<String[]> rows = new ArrayList<>();
        rows.add(scopes ? new String[] {"window start", "window end", "scope", "segment", "metric", "count", "values"}
                : new String[] {"window start", "window end", "segment", "metric", "count", "values"});
        boolean anySignificant = false;
        for (JsonNode r : results) {
            StringJoiner values = new StringJoiner(" ");
            if (r.hasNonNull("error")) {
                values.add("FAILED: " + r.get("error").asText());
            }
            for (Map.Entry<String, JsonNode> e : r.path("values").properties()) {
                boolean significant = r.path("significant").path(e.getKey()).asBoolean(false);
                anySignificant |= significant;
                values.add(e.getKey() + "=" + number(e.getValue()) + (significant ? "*" : ""));
            }
            long rejected = r.path("rejected").asLong();
            String all = values + (rejected > 0 ? "  (" + rejected + " rejected)" : "");
            List<String> row = new ArrayList<>(List.of(r.path("window").path("start").asText(),
                    r.path("window").path("end").asText()));
            if (scopes) {
                row.add(r.path("scope").asText());
            }
            row.addAll(List.of(segment(r.path("segment")), r.path("metric").asText(), r.path("count").asText(), all));
            rows.add(row.toArray(String[]::new));
        }
        out.println(what + ": " + results.size() + (results.size() == 1 ? " result" : " results"));
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int countColumn = widths.length - 2;
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c == row.length - 1) {
                    line.append(row[c]);
                } else if (c == countColumn) {
                    line.append(" ".repeat(widths[c] - row[c].length())).append(row[c]).append("  ");
                } else {
                    line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        if (anySignificant) {
            out.println("* differs significantly from the baseline");
        }
        if (limited) {
            out.println("(the latest " + results.size() + "; --limit or --since show others)");
        }
    }

    private void csv(List<String> bodies) {
        out.println(String.join(",", CSV_COLUMNS));
        for (String body : bodies) {
            JsonNode r = parse(body);
            List<String> outputs = new ArrayList<>();
            r.path("values").properties().forEach(e -> outputs.add(e.getKey()));
            if (outputs.isEmpty()) {
                outputs.add(null);
            }
            for (String output : outputs) {
                List<String> cells = new ArrayList<>(List.of(r.path("monitor").asText(), r.path("model").asText(),
                        r.path("metric").asText(), r.path("type").asText(), r.path("segment").toString(),
                        r.path("window").path("start").asText(), r.path("window").path("end").asText(),
                        r.path("scope").asText(), r.path("count").asText(), r.path("rejected").asText()));
                if (output == null) {
                    cells.addAll(List.of("", "", "", "", "", "", "", "", ""));
                } else {
                    JsonNode ci = r.path("intervals").path(output);
                    JsonNode dci = r.path("delta_intervals").path(output);
                    JsonNode significant = r.path("significant").path(output);
                    cells.addAll(List.of(output, text(r.path("values").path(output)), text(ci.path(0)),
                            text(ci.path(1)), text(r.path("baseline").path(output)), text(r.path("delta").path(output)),
                            text(dci.path(0)), text(dci.path(1)),
                            significant.isBoolean() ? significant.asText() : ""));
                }
                cells.add(r.hasNonNull("error") ? r.get("error").asText() : "");
                StringJoiner line = new StringJoiner(",");
                cells.forEach(c -> line.add(quote(c)));
                out.println(line);
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored result is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Segment labels as {@code key=value,...}, {@code -} when not segmented. */
    private static String segment(JsonNode labels) {
        if (labels.isEmpty()) {
            return "-";
        }
        StringJoiner s = new StringJoiner(",");
        labels.properties().forEach(e -> s.add(e.getKey() + "=" + e.getValue().asText()));
        // One line per result, whatever the labels hold.
        return s.toString().replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    /** A number as the console sink prints it: whole numbers without decimals, else 1, 3 or 4 decimals by size. */
    static String number(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode() || !v.isNumber()) {
            return "-";
        }
        double d = v.doubleValue();
        double a = Math.abs(d);
        if (v.isIntegralNumber() || d == Math.rint(d) && a < 1e12) {
            return v.isIntegralNumber() ? v.asText() : Long.toString((long) d);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        return String.format(Locale.ROOT, "%.4f", d);
    }

    /** A stored value as its JSON text; empty when undefined or absent. */
    private static String text(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
