package io.modelwatch.nlp.tokenize;

/**
 * The word tokens of chrF++ (sacreBLEU {@code CHRF(word_order > 0)}): the text is split on Python
 * whitespace, then a token of two or more characters whose last character is ASCII punctuation
 * becomes (body, last character); otherwise one whose first character is ASCII punctuation
 * becomes (first character, rest). A token is split at most once: {@code (hi)} gives {@code (hi}
 * and {@code )}. Stateless and thread-safe.
 */
public final class ChrfWords {
    private ChrfWords() {
    }

    private static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /** Splits {@code text} into chrF++ word tokens in {@code out}. */
    public static void split(String text, Tokens out) {
        out.load(text, text.length());
        out.splitOnWhitespace();
        int n = out.count;
        if (n == 0) {
            return;
        }
        // tokens are rewritten in place; splits append, so copy the spans first
        int[] s = java.util.Arrays.copyOf(out.start, n);
        int[] e = java.util.Arrays.copyOf(out.end, n);
        out.count = 0;
        char[] c = out.chars;
        for (int i = 0; i < n; i++) {
            int a = s[i];
            int b = e[i];
            if (b - a >= 2 && isAsciiPunctuation(c[b - 1])) {
                out.add(a, b - 1);
                out.add(b - 1, b);
            } else if (b - a >= 2 && isAsciiPunctuation(c[a])) {
                out.add(a, a + 1);
                out.add(a + 1, b);
            } else {
                out.add(a, b);
            }
        }
    }
}
