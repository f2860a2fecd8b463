package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.modelwatch.nlp.bleu.BleuOptions;
import io.modelwatch.nlp.bleu.BleuSegmenter;
import io.modelwatch.nlp.bleu.Smoothing;
import io.modelwatch.nlp.chrf.ChrfOptions;
import io.modelwatch.nlp.chrf.ChrfSegmenter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares the packed-key n-gram counting of BLEU and chrF with a naive count over lists of
 * strings, on random inputs that also reach the paths the reference vectors do not: orders above
 * 4, several references, and vocabularies too large to pack an n-gram into 64 bits (the exact
 * string-key fallback).
 */
class NgramStatisticsPropertyTest {

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            m.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return m;
    }

    /** sacreBLEU's segment statistics, written the obvious way (README "Per-segment statistics"). */
    static long[] naiveBleu(List<String> hyp, List<List<String>> refs, int order) {
        long[] s = new long[2 + 2 * order];
        s[0] = hyp.size();
        int closest = -1;
        for (List<String> r : refs) {
            int d = Math.abs(hyp.size() - r.size());
            if (closest < 0 || d < Math.abs(hyp.size() - closest) || (d == Math.abs(hyp.size() - closest) && r.size() < closest)) {
                closest = r.size();
            }
        }
        s[1] = closest;
        for (int n = 1; n <= order; n++) {
            Map<List<String>, Integer> max = new HashMap<>();
            for (List<String> r : refs) {
                ngrams(r, n).forEach((g, c) -> max.merge(g, c, Math::max));
            }
            long correct = 0;
            for (Map.Entry<List<String>, Integer> e : ngrams(hyp, n).entrySet()) {
                correct += Math.min(e.getValue(), max.getOrDefault(e.getKey(), 0));
            }
            s[1 + n] = correct;
            s[1 + order + n] = Math.max(0, hyp.size() - n + 1);
        }
        return s;
    }

    private static List<String> words(Random r, int vocab, int max) {
        int n = r.nextInt(max + 1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("w" + r.nextInt(vocab));
        }
        return out;
    }

    @Test
    void bleuStatisticsEqualANaiveCountAtAnyOrderAndVocabularySize() {
        Random r = new Random(42);
        for (int order : new int[] {1, 2, 4, 6, 9}) {
            BleuSegmenter seg = new BleuSegmenter(new BleuOptions("none", false, Smoothing.EXP, null, order, false));
            for (int k = 0; k < 300; k++) {
                // small vocabularies give many repeats; 600-word sentences from 5000 words need 10 bits per id
                boolean big = k % 10 == 0;
                int vocab = big ? 5000 : 2 + r.nextInt(20);
                int max = big ? 600 : 30;
                List<String> hyp = words(r, vocab, max);
                List<List<String>> refs = new ArrayList<>();
                int nrefs = 1 + r.nextInt(3);
                for (int j = 0; j < nrefs; j++) {
                    refs.add(words(r, vocab, max));
                }
                long[] actual = new long[2 + 2 * order];
                seg.statistics(String.join(" ", hyp), refs.stream().map(t -> String.join(" ", t)).toList(), actual);
                assertArrayEquals(naiveBleu(hyp, refs, order), actual, "order " + order + " case " + k);
            }
        }
    }

    private static List<String> codePoints(String s) {
        List<String> out = new ArrayList<>();
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    @Test
    void chrfCharacterStatisticsEqualANaiveCountIncludingHugeAlphabets() {
        Random r = new Random(7);
        ChrfOptions opt = ChrfOptions.chrf();
        ChrfSegmenter seg = new ChrfSegmenter(opt);
        for (int k = 0; k < 100; k++) {
            // up to 3000 distinct CJK characters: 12 bits per id, so 6-grams take the string-key path
            int alphabet = k % 4 == 0 ? 3000 : 5 + r.nextInt(30);
            int len = k % 4 == 0 ? 4000 : r.nextInt(60);
            StringBuilder h = new StringBuilder();
            StringBuilder ref = new StringBuilder();
            for (int i = 0; i < len; i++) {
                h.appendCodePoint(0x4E00 + r.nextInt(alphabet));
                ref.appendCodePoint(0x4E00 + r.nextInt(alphabet));
            }
            long[] actual = new long[18];
            seg.statistics(h.toString(), List.of(ref.toString()), actual);
            long[] expected = new long[18];
            List<String> hc = codePoints(h.toString());
            List<String> rc = codePoints(ref.toString());
            for (int n = 1; n <= 6; n++) {
                Map<List<String>, Integer> hg = ngrams(hc, n);
                Map<List<String>, Integer> rg = ngrams(rc, n);
                long match = 0;
                for (Map.Entry<List<String>, Integer> e : hg.entrySet()) {
                    match += Math.min(e.getValue(), rg.getOrDefault(e.getKey(), 0));
                }
                long refTotal = Math.max(0, rc.size() - n + 1);
                expected[3 * (n - 1)] = refTotal > 0 ? Math.max(0, hc.size() - n + 1) : 0;
                expected[3 * (n - 1) + 1] = refTotal;
                expected[3 * (n - 1) + 2] = match;
            }
            assertArrayEquals(expected, actual, "case " + k + ": " + Arrays.toString(actual));
        }
    }
}
