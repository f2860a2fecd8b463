package io.modelwatch.bench.nlp;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Observation;
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
 * The 10k-segment reference corpus ({@code corpus10k.jsonl}) as observations with a
 * {@code hypothesis} and {@code references} field, decoded once before measuring so that a
 * benchmark times {@code add()} alone.
 *
 * <p>The file is {@code <dir>/bleu/corpus10k.jsonl} where {@code dir} is the system property
 * {@code modelwatch.reference.dir}, else {@code ../shared/reference} relative to the working
 * directory (the repository root).
 */
final class CorpusObservations {
    private CorpusObservations() {
    }

    static Path file() {
        String dir = System.getProperty("modelwatch.reference.dir", "../shared/reference");
        return Path.of(dir, "bleu", "corpus10k.jsonl");
    }

    @SuppressWarnings("unchecked")
    static List<Observation> load() {
        Path file = file();
        try {
            List<Observation> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Map<String, Object> m = (Map<String, Object>) JsonReader.parse(line);
                out.add(new Segment((String) m.get("hyp"), List.copyOf((List<String>) m.get("refs"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath()
                    + " (set -Dmodelwatch.reference.dir=<shared/reference>)", e);
        }
    }

    /** One segment; fields are found by name, as a host would by slot. */
    private static final class Segment implements Observation {
        private final String hypothesis;
        private final List<String> references;

        Segment(String hypothesis, List<String> references) {
            this.hypothesis = hypothesis;
            this.references = references;
        }

        @Override
        public long timeMillis() {
            return 0;
        }

        @Override
        public String id() {
            return null;
        }

        @Override
        public String model() {
            return "bench";
        }

        @Override
        public Map<String, String> segment() {
            return Map.of();
        }

        @Override
        public boolean has(FieldRef field) {
            return text(field) != null || texts(field) != null;
        }

        @Override
        public String text(FieldRef field) {
            return field.name().equals("hypothesis") ? hypothesis : null;
        }

        @Override
        public List<String> texts(FieldRef field) {
            return field.name().equals("references") ? references : null;
        }

        @Override
        public double number(FieldRef field) {
            return Double.NaN;
        }

        @Override
        public double[] numbers(FieldRef field) {
            return null;
        }

        @Override
        public long integer(FieldRef field) {
            return MISSING_INTEGER;
        }

        @Override
        public List<String> ids(FieldRef field) {
            return null;
        }

        @Override
        public Map<String, Double> gradedIds(FieldRef field) {
            return null;
        }

        @Override
        public boolean flag(FieldRef field) {
            return false;
        }

        @Override
        public Object scalar(FieldRef field) {
            return null;
        }
    }
}
