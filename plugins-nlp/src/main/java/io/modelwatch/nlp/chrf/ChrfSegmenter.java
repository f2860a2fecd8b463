package io.modelwatch.nlp.chrf;

import static java.util.Objects.requireNonNull;

import io.modelwatch.nlp.ngram.CodePointDictionary;
import io.modelwatch.nlp.ngram.NgramMatcher;
import io.modelwatch.nlp.ngram.SpanDictionary;
import io.modelwatch.nlp.text.PythonText;
import io.modelwatch.nlp.tokenize.ChrfWords;
import io.modelwatch.nlp.tokenize.Tokens;
import java.util.List;

/**
 * Computes one segment's chrF statistics {@code [hyp_n, ref_n, match_n]} per order (character
 * orders 1..charOrder, then word orders 1..wordOrder), as sacreBLEU 2.6.0's {@code CHRF}.
 *
 * <p>Character n-grams run over code points after deleting Python whitespace (unless
 * {@code whitespace}), across word boundaries. {@code hyp_n} is 0 for an order where the
 * reference has no n-grams. With several references, the statistics of the reference with the
 * highest segment F are kept (the first on a tie; null references are skipped). Holds reusable
 * scratch buffers: mutable and not thread-safe; use one per thread.
 */
public final class ChrfSegmenter {
    private final ChrfOptions options;
    private final CodePointDictionary chars = new CodePointDictionary();
    private final SpanDictionary words = new SpanDictionary();
    private final NgramMatcher matcher = new NgramMatcher();
    private final Tokens hypWords = new Tokens();
    private final Tokens refWords = new Tokens();
    private int[] hypChars = new int[256];
    private int[] refChars = new int[256];
    private int[] hypWordIds = new int[64];
    private int[] refWordIds = new int[64];
    private int[] counts = new int[64];
    private long[] candidate;

    /** Creates a segmenter for {@code options}. */
    public ChrfSegmenter(ChrfOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.candidate = new long[3 * options.orders()];
    }

    /**
     * Computes the statistics of one segment into {@code stats} (length {@code 3 * orders}).
     *
     * @return the number of non-null references; 0 means none and {@code stats} is not written
     */
    public int statistics(String hypothesis, List<String> references, long[] stats) {
        int charOrder = options.charOrder();
        int wordOrder = options.wordOrder();
        int orders = options.orders();
        String hyp = options.lowercase() ? PythonText.lower(hypothesis) : hypothesis;
        int hypLen = codePoints(hyp, true);
        chars.encodeHypothesis(hypChars, hypLen);
        int charIds = chars.size();
        int hypWordCount = 0;
        if (wordOrder > 0) {
            ChrfWords.split(hyp, hypWords);
            hypWordCount = hypWords.count();
            hypWordIds = words.encodeHypothesis(hypWords, hypWordIds);
        }
        int used = 0;
        double bestF = -1.0;
        for (int r = 0, size = references.size(); r < size; r++) {
            String text = references.get(r);
            if (text == null) {
                continue;
            }
            String ref = options.lowercase() ? PythonText.lower(text) : text;
            int refLen = codePoints(ref, false);
            chars.encodeReference(refChars, refLen);
            long[] c = candidate;
            for (int n = 1; n <= charOrder; n++) {
                fill(c, n - 1, hypChars, hypLen, refChars, refLen, n, charIds);
            }
            if (wordOrder > 0) {
                ChrfWords.split(ref, refWords);
                int refWordCount = refWords.count();
                refWordIds = words.encodeReference(refWords, refWordIds);
                for (int n = 1; n <= wordOrder; n++) {
                    fill(c, charOrder + n - 1, hypWordIds, hypWordCount, refWordIds, refWordCount, n, words.size());
                }
            }
            used++;
            if (references.size() == 1) {
                System.arraycopy(c, 0, stats, 0, 3 * orders);
                return 1;
            }
            double f = ChrfScore.of(c, orders, options.beta(), options.epsSmoothing());
            if (f > bestF) {
                bestF = f;
                System.arraycopy(c, 0, stats, 0, 3 * orders);
            }
        }
        return used;
    }

    private void fill(long[] c, int slot, int[] hypIds, int hypLen, int[] refIds, int refLen, int n, int maxId) {
        long hypTotal = Math.max(0, hypLen - n + 1);
        long refTotal = Math.max(0, refLen - n + 1);
        long match = 0;
        if (hypTotal > 0 && refTotal > 0) {
            int d = matcher.prepare(hypIds, hypLen, n, maxId);
            counts = matcher.countIn(refIds, refLen, counts);
            for (int i = 0; i < d; i++) {
                match += Math.min(matcher.hypothesisCount(i), counts[i]);
            }
        }
        c[3 * slot] = refTotal > 0 ? hypTotal : 0;
        c[3 * slot + 1] = refTotal;
        c[3 * slot + 2] = match;
    }

    /** Writes the code points of {@code s} (without whitespace unless kept) into the hypothesis or reference buffer. */
    private int codePoints(String s, boolean hypothesis) {
        int len = s.length();
        int[] out = hypothesis ? hypChars : refChars;
        if (out.length < len) {
            out = new int[Math.max(len, out.length * 2)];
        }
        int n = 0;
        boolean keepSpace = options.whitespace();
        for (int i = 0; i < len; ) {
            char ch = s.charAt(i);
            int cp;
            if (Character.isHighSurrogate(ch) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(ch, s.charAt(i + 1));
                i += 2;
            } else {
                cp = ch;
                i++;
                if (!keepSpace && PythonText.isSpace(ch)) {
                    continue;
                }
            }
            out[n++] = cp;
        }
        if (hypothesis) {
            hypChars = out;
        } else {
            refChars = out;
        }
        return n;
    }
}
