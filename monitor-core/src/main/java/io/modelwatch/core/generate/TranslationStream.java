package io.modelwatch.core.generate;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of {@code mt-en-de}, an English–German translation model.
 *
 * <p>Each record carries the English {@code source}, the model's {@code output.text} (null when the request
 * failed) and, on about 30% of records, the human reference in {@code gold}. The output is the reference
 * with seeded edits: dropped words, wrong German words, untranslated English words, swapped neighbours,
 * truncation. After the degradation every kind of edit is more frequent and latency rises. Immutable.
 */
final class TranslationStream implements RecordStream {
    static final double GOLD_SHARE = 0.3;
    private static final double TYPICAL_TOKENS = 12;

    private static final ServiceProfile PROFILE = new ServiceProfile(
            140, 0.30, 0.42, 0.010, 0.035, 1.7, 3000);

    /** Edit probabilities per word, and per sentence for truncation. */
    private record Edits(double drop, double substitute, double copy, double swap, double truncate) {
    }

    private static final Edits HEALTHY = new Edits(0.03, 0.05, 0.005, 0.02, 0.0);
    private static final Edits DEGRADED = new Edits(0.10, 0.15, 0.04, 0.05, 0.08);

    @Override
    public String model() {
        return "mt-en-de";
    }

    @Override
    public String idPrefix() {
        return "mt";
    }

    @Override
    public ServiceProfile profile() {
        return PROFILE;
    }

    @Override
    public double writePayload(JsonLinesOut out, DemoRandom random, boolean degraded, String failure)
            throws IOException {
        JsonGenerator json = out.json();
        Sentences.Pair pair = Sentences.next(random);
        boolean gold = random.chance(GOLD_SHARE);
        json.writeStringField("source", pair.source());
        json.writeFieldName("output");
        if (failure == null) {
            json.writeStartObject();
            json.writeStringField("text", Sentences.join(hypothesis(random, pair.reference(), degraded)));
            json.writeEndObject();
        } else {
            json.writeNull();
        }
        if (gold) {
            json.writeArrayFieldStart("gold");
            json.writeString(Sentences.join(pair.reference()));
            json.writeEndArray();
        }
        return (40 + 9 * pair.reference().size()) / (40 + 9 * TYPICAL_TOKENS);
    }

    private static List<String> hypothesis(DemoRandom random, List<String> reference, boolean degraded) {
        Edits edits = degraded ? DEGRADED : HEALTHY;
        int words = reference.size() - 1; // the last token is the period
        int limit = words;
        if (random.chance(edits.truncate())) {
            limit = Math.max(1, (int) (words * (0.4 + 0.3 * random.nextDouble())));
        }
        List<String> output = new ArrayList<>(limit + 1);
        for (int i = 0; i < limit; i++) {
            if (random.chance(edits.drop())) {
                continue;
            }
            String word = reference.get(i);
            if (random.chance(edits.copy())) {
                word = Sentences.pick(random, Lexicon.ENGLISH_WORDS);
            } else if (random.chance(edits.substitute())) {
                word = Sentences.pick(random, Lexicon.GERMAN_WORDS);
            }
            output.add(word);
        }
        for (int i = 0; i + 1 < output.size(); i++) {
            if (random.chance(edits.swap())) {
                String word = output.get(i);
                output.set(i, output.get(i + 1));
                output.set(i + 1, word);
                i++;
            }
        }
        output.add(reference.get(words));
        return output;
    }
}
