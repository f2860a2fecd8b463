package io.modelwatch.core.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON form of an {@link AlertTransition}, shared by the {@code jsonl} and {@code webhook}
 * channels: one object, field names a stable contract (README, "Alerts"):
 * <pre>
 * {"monitor":"mt","model":"mt-en-de","metric":"nlp.bleu","segment":{},"rule":"score &lt; 25",
 *  "condition":"score &lt; 25","from":"pending","to":"firing",
 *  "window":{"start":"2026-11-03T10:00:00Z","end":"2026-11-03T11:00:00Z"},
 *  "at":"2026-11-03T11:05:00Z","values":{"score":23.4}}
 * </pre>
 * Non-finite and undefined values are {@code null}.
 */
public final class AlertJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {
    }

    /** Returns the transition as one line of JSON (no newline). */
    public static String toJson(AlertTransition t) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            writeFields(g, t, t.at());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Writes the transition's fields into an open object: monitor, model, metric, segment, rule,
     * condition, from, to, window ({@code start}, {@code end}), {@code at} (given, so a record of
     * the transition may carry when it was recorded) and values (undefined ones as null; whole
     * numbers without a fraction).
     */
    public static void writeFields(JsonGenerator g, AlertTransition t, Instant at) throws IOException {
        g.writeStringField("monitor", t.monitor());
        g.writeStringField("model", t.model());
        g.writeStringField("metric", t.metric());
        g.writeObjectFieldStart("segment");
        for (Map.Entry<String, String> e : t.segment().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("rule", t.rule());
        g.writeStringField("condition", t.condition());
        g.writeStringField("from", t.from());
        g.writeStringField("to", t.to());
        g.writeObjectFieldStart("window");
        g.writeStringField("start", text(t.windowStart()));
        g.writeStringField("end", text(t.windowEnd()));
        g.writeEndObject();
        g.writeStringField("at", text(at));
        g.writeObjectFieldStart("values");
        for (Map.Entry<String, Double> e : t.values().entrySet()) {
            g.writeFieldName(e.getKey());
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v)) {
                g.writeNull();
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                g.writeNumber(v.longValue());
            } else {
                g.writeNumber(v);
            }
        }
        g.writeEndObject();
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
