package io.modelwatch.core.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.WindowResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes one JSON object per (monitor, metric, segment, window) to a file, one per line. The
 * field names are a stable contract (README, "Result format"): later versions add fields, never
 * rename them.
 */
public final class JsonlSink implements ResultSink {
    private static final JsonFactory JSON = new JsonFactory();
    private final Path file;
    private final OutputStream stream;
    private final JsonGenerator out;

    /** Opens (and truncates) the file, creating its folder. */
    public JsonlSink(Path file) {
        this(file, false);
    }

    /** Opens the file, creating its folder; truncates it unless {@code append}. */
    public JsonlSink(Path file, boolean append) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            stream = new java.io.BufferedOutputStream(append
                    ? Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)
                    : Files.newOutputStream(file), 1 << 16);
            out = JSON.createGenerator(stream, JsonEncoding.UTF8);
            out.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void accept(List<WindowResult> window) {
        try {
            for (WindowResult r : window) {
                write(out, r);
                out.flush();
                stream.write('\n');
            }
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns one result as the JSON object this sink writes (one line, no newline). */
    public static String toJson(WindowResult r) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            write(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes one result object. */
    static void write(JsonGenerator g, WindowResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("monitor", r.monitor());
        g.writeStringField("model", r.model());
        g.writeStringField("metric", r.metric());
        g.writeStringField("type", r.type());
        g.writeObjectFieldStart("segment");
        for (Map.Entry<String, String> e : r.segment().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("window");
        g.writeStringField("start", r.windowStart().toString());
        g.writeStringField("end", r.windowEnd().toString());
        g.writeEndObject();
        g.writeStringField("scope", r.scope());
        g.writeNumberField("count", r.count());
        g.writeNumberField("rejected", r.rejected());
        numbers(g, "values", r.values());
        pairs(g, "intervals", r.intervals());
        numbers(g, "baseline", r.baseline());
        numbers(g, "delta", r.delta());
        pairs(g, "delta_intervals", r.deltaIntervals());
        g.writeObjectFieldStart("significant");
        for (Map.Entry<String, Boolean> e : r.significant().entrySet()) {
            g.writeBooleanField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("tables");
        for (Map.Entry<String, Table> e : r.tables().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            Table t = e.getValue();
            for (List<Object> row : t.rows()) {
                g.writeStartObject();
                for (int c = 0; c < t.columns().size(); c++) {
                    g.writeFieldName(t.columns().get(c));
                    cell(g, row.get(c));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        if (!r.drift().isEmpty()) {
            numbers(g, "drift", r.drift());
        }
        if (r.error() != null) {
            g.writeStringField("error", r.error());
        }
        g.writeEndObject();
    }

    private static void cell(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Double d) {
            number(g, d);
        } else if (v instanceof Float f) {
            number(g, f.doubleValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Number n) {
            number(g, n.doubleValue()); // any other Number (AtomicLong, a plugin's own): by value, never truncated
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(v.toString());
        }
    }

    private static void number(JsonGenerator g, Double v) throws IOException {
        if (v == null || !Double.isFinite(v)) {
            g.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumber(v.longValue());
        } else {
            g.writeNumber(v);
        }
    }

    private static void numbers(JsonGenerator g, String name, Map<String, Double> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            number(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void pairs(JsonGenerator g, String name, Map<String, double[]> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            number(g, e.getValue()[0]);
            number(g, e.getValue()[1]);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
