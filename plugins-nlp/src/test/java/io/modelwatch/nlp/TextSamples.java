package io.modelwatch.nlp;

import io.modelwatch.api.Observation;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded translation-like records for the conformance tests of the nlp metrics. */
final class TextSamples {
    private static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran", "home", "und",
        "die", "Katze", "3.5", "1,000", "x-ray", "can't", "\"quoted\"", "(paren)", "Straße", "日本", "😀", "&amp;",
        "U.S.", "end.", "why?", "well,"};

    private TextSamples() {
    }

    static String sentence(Random r, int maxWords) {
        int n = r.nextInt(maxWords + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            String w = WORDS[r.nextInt(WORDS.length)];
            sb.append(r.nextInt(10) == 0 ? w.toUpperCase() : w);
        }
        if (n > 0 && r.nextBoolean()) {
            sb.append('.');
        }
        return sb.toString();
    }

    /** Returns a hypothesis derived from {@code ref} by dropping, swapping and replacing words. */
    static String edit(Random r, String ref) {
        List<String> w = new ArrayList<>(Arrays.asList(ref.split(" ")));
        int edits = r.nextInt(4);
        for (int e = 0; e < edits && !w.isEmpty(); e++) {
            int i = r.nextInt(w.size());
            switch (r.nextInt(3)) {
                case 0 -> w.remove(i);
                case 1 -> w.set(i, WORDS[r.nextInt(WORDS.length)]);
                default -> {
                    int j = r.nextInt(w.size());
                    String t = w.get(i);
                    w.set(i, w.get(j));
                    w.set(j, t);
                }
            }
        }
        return String.join(" ", w);
    }

    /**
     * Returns records with {@code hypothesis}, {@code references} (1–3, some null entries) and
     * {@code source}; a few have no references, no hypothesis, or empty text.
     */
    static List<Observation> records(Random r, int n) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ref = sentence(r, 14);
            String hyp = r.nextInt(12) == 0 ? ref : edit(r, ref);
            List<String> refs = new ArrayList<>();
            refs.add(ref);
            int extra = r.nextInt(3);
            for (int k = 0; k < extra; k++) {
                refs.add(r.nextInt(5) == 0 ? null : edit(r, ref));
            }
            TestObservation.Builder b = TestObservation.at(1_000L * i).id("id-" + i).with("source", r.nextInt(10) == 0 ? hyp : sentence(r, 12));
            int kind = r.nextInt(25);
            if (kind == 0) {
                b.with("hypothesis", hyp);
            } else if (kind == 1) {
                b.with("references", refs);
            } else if (kind == 2) {
                b.with("hypothesis", "").with("references", refs);
            } else {
                b.with("hypothesis", hyp).with("references", refs);
            }
            out.add(b.build());
        }
        return out;
    }
}
