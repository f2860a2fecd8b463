package io.modelwatch.core.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.modelwatch.core.alert.AlertJson;
import io.modelwatch.core.alert.AlertTransition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The JSON text the store keeps beside its columns: canonical segments and alert event bodies. */
final class StoreJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StoreJson() {
    }

    /**
     * Returns segment labels as canonical JSON: sorted by name, no spaces, {@code {}} when empty, so
     * that the same labels in any order are one key.
     */
    static String segment(Map<String, String> labels) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Returns an alert event as one JSON object: {@code kind} ({@code transition} or
     * {@code delivery_failed}), the transition's fields ({@code window} as {@code start}/{@code end},
     * times in ISO-8601 UTC, undefined values as null), and for a failed delivery {@code channel} and
     * {@code detail}.
     */
    static String alertEvent(String kind, AlertTransition t, Instant at, String channel, String detail) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            AlertJson.writeFields(g, t, at);
            if (channel != null) {
                g.writeStringField("channel", channel);
            }
            if (detail != null) {
                g.writeStringField("detail", detail);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
