package io.modelwatch.bench.nlp;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Observation;
import io.modelwatch.bench.BenchObservation;
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
    private static final class Segment extends BenchObservation {
        private final String hypothesis;
        private final List<String> references;

        Segment(String hypothesis, List<String> references) {
            super("bench");
            this.hypothesis = hypothesis;
            this.references = references;
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
    }
}
