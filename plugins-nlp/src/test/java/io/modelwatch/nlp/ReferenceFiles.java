package io.modelwatch.nlp;

import io.modelwatch.nlp.text.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the sacreBLEU 2.6.0 reference vectors in {@code ../shared/reference/bleu/} (read-only,
 * never copied into the repository): the directory comes from the system property
 * {@code modelwatch.reference.dir}, else {@code ../../shared/reference} relative to the module.
 */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    /** Returns the {@code bleu} reference folder. */
    public static Path bleuDir() {
        String prop = System.getProperty("modelwatch.reference.dir");
        Path base = prop != null ? Path.of(prop) : Path.of("../../shared/reference");
        return base.resolve("bleu");
    }

    /** Returns the JSON objects of a JSON Lines file in the {@code bleu} folder. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> jsonLines(String file) {
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : Files.readAllLines(bleuDir().resolve(file), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add((Map<String, Object>) JsonReader.parse(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> corpus10k;

    /** Returns the 10k corpus lines ({@code {"i", "hyp", "refs"}}), read once. */
    public static synchronized List<Map<String, Object>> corpus10k() {
        if (corpus10k == null) {
            corpus10k = jsonLines("corpus10k.jsonl");
        }
        return corpus10k;
    }

    /** Returns the references of segment {@code i} from sacreBLEU's stream layout {@code refs[k][i]}. */
    @SuppressWarnings("unchecked")
    public static List<String> segmentRefs(Object streams, int i) {
        List<String> out = new ArrayList<>();
        for (Object stream : (List<Object>) streams) {
            out.add((String) ((List<Object>) stream).get(i));
        }
        return out;
    }

    /** Returns a JSON number as a double. */
    public static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    /** Returns a JSON list of numbers as longs. */
    @SuppressWarnings("unchecked")
    public static long[] longs(Object o) {
        List<Object> l = (List<Object>) o;
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).longValue();
        }
        return out;
    }

    /** Returns whether {@code a} and {@code b} agree to {@code rel} relative (absolute near zero). */
    public static boolean close(double a, double b, double rel) {
        return a == b || Math.abs(a - b) <= rel * Math.max(1e-300, Math.max(Math.abs(a), Math.abs(b)));
    }
}
