package io.modelwatch.core.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.modelwatch.core.kernel.MonitorCounters;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON bodies of the HTTP API. Field names are snake_case like the result format's. */
final class ApiJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ApiJson() {
    }

    /** An array of JSON objects that are already text (results, alerts). */
    static String array(List<String> objects) {
        return "[" + String.join(",", objects) + "]";
    }

    /** {@code {"status": "..."}}. */
    static String status(String status) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", status);
            g.writeEndObject();
        });
    }

    /** {@code {"status": 400, "error": "...", "<choicesName>": [...]}}. */
    static String error(int status, String message, String choicesName, List<String> choices) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("status", status);
            g.writeStringField("error", message);
            if (choicesName != null) {
                g.writeArrayFieldStart(choicesName);
                for (String c : choices) {
                    g.writeString(c);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /** The monitors with their counters, as {@code /api/monitors} shows them. */
    static String monitors(List<MonitorInfo> monitors) {
        return write(g -> {
            g.writeStartArray();
            for (MonitorInfo m : monitors) {
                MonitorCounters c = m.counters();
                g.writeStartObject();
                g.writeStringField("name", m.name());
                g.writeStringField("model", m.model());
                g.writeStringField("mode", m.mode().name().toLowerCase(Locale.ROOT));
                g.writeArrayFieldStart("metrics");
                for (String metric : m.metrics()) {
                    g.writeString(metric);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("counters");
                g.writeNumberField("records", c.records());
                g.writeNumberField("dead_lettered", c.deadLettered());
                g.writeNumberField("late", c.late());
                g.writeNumberField("windows", c.windows());
                g.writeEndObject();
                instant(g, "max_event_time", c.maxEventTimeMillis() == Long.MIN_VALUE ? null
                        : Instant.ofEpochMilli(c.maxEventTimeMillis()));
                instant(g, "last_window_end", m.lastWindowEnd());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value.toString());
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }
}
