package io.modelwatch.nlp.drift;

import io.modelwatch.nlp.text.JsonReader;
import io.modelwatch.nlp.text.PythonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The earlier outputs {@code nlp.output_drift} compares with, read once from a JSON Lines file.
 *
 * <p>Format: one object per line, {@code {"id": "mt-000001", "text": "Die Katze ..."}}, plus
 * {@code "source": "..."} when joining on the source text. Blank lines are skipped; a line
 * whose key or {@code text} is missing or null is skipped; when a key repeats, the last line wins.
 * Immutable after loading, thread-safe.
 */
public final class BaselineOutputs {
    private final Map<String, String> byKey;

    private BaselineOutputs(Map<String, String> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /**
     * Reads a baseline file, keyed by {@code id} or, when {@code bySource}, by the stripped
     * {@code source} text.
     *
     * @throws IllegalArgumentException when the file cannot be read or a line is not a JSON object
     */
    public static BaselineOutputs load(Path file, boolean bySource) {
        Map<String, String> map = new HashMap<>();
        String keyField = bySource ? "source" : "id";
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Object v;
                try {
                    v = JsonReader.parse(line);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("baseline_file " + file + " line " + number + ": " + e.getMessage()
                            + "; expected one JSON object per line like {\"id\": \"...\", \"text\": \"...\"}", e);
                }
                if (!(v instanceof Map<?, ?> obj)) {
                    throw new IllegalArgumentException("baseline_file " + file + " line " + number
                            + ": expected a JSON object like {\"id\": \"...\", \"text\": \"...\"}");
                }
                Object key = obj.get(keyField);
                Object text = obj.get("text");
                if (key == null || !(text instanceof String t)) {
                    continue;
                }
                String k = key instanceof String s ? s : String.valueOf(key);
                map.put(bySource ? PythonText.strip(k) : k, t);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read baseline_file " + file + ": " + e.getMessage()
                    + "; expected a JSON Lines file of {\"id\": \"...\", \"text\": \"...\"}", e);
        }
        return new BaselineOutputs(map);
    }

    /** Returns the baseline output for a key, or null. */
    public String get(String key) {
        return byKey.get(key);
    }

    /** Returns the number of baseline outputs. */
    public int size() {
        return byKey.size();
    }
}
