package io.modelwatch.nlp.tokenize;

import io.modelwatch.nlp.text.PythonText;

/**
 * sacreBLEU's default {@code 13a} tokenizer (mteval-v13a), written without regular expressions.
 *
 * <p>The steps follow {@code ../shared/reference/bleu/README.md}: delete {@code <skipped>}, delete
 * {@code -\n}, turn {@code \n} into a space, decode four entities in order when the text has an
 * {@code &}, pad with a space on each side, then four global left-to-right non-overlapping passes:
 * (a) surround ASCII {@code  !"#$%&()*+/:;<=>?@[\]^_`{|}~} with spaces, (b) {@code ([^0-9])([.,])}
 * → {@code "$1 $2 "}, (c) {@code ([.,])([^0-9])} → {@code " $1 $2"}, (d) {@code ([0-9])(-)} →
 * {@code "$1 $2 "}; finally split on Python whitespace. The passes are applied token by token in
 * one scan (see {@link #tokenize}); each pass is a loop that consumes two characters on a match and
 * one otherwise, which is exactly the regex engine's leftmost non-overlapping semantics for
 * two-character patterns. Working on UTF-16 units gives the same output as Python's code points
 * because every character a pattern names is ASCII. Stateless and thread-safe.
 */
public final class Tokenizer13a implements Tokenizer {
    static final Tokenizer13a INSTANCE = new Tokenizer13a();

    /** Characters of pass (a), indexed by code for ASCII. */
    private static final boolean[] PASS_A = new boolean[128];

    static {
        for (int c = 0x20; c <= 0x26; c++) {
            PASS_A[c] = true;
        }
        for (int c = 0x28; c <= 0x2B; c++) {
            PASS_A[c] = true;
        }
        PASS_A[0x2F] = true;
        for (int c = 0x3A; c <= 0x40; c++) {
            PASS_A[c] = true;
        }
        for (int c = 0x5B; c <= 0x60; c++) {
            PASS_A[c] = true;
        }
        for (int c = 0x7B; c <= 0x7E; c++) {
            PASS_A[c] = true;
        }
    }

    private Tokenizer13a() {
    }

    @Override
    public String name() {
        return "13a";
    }

    /** Character classes for ASCII: 0 word character, 1 whitespace, 2 split by pass (a), 3 one of {@code . , -}. */
    private static final byte[] CLASS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            CLASS[c] = PythonText.isSpace((char) c) ? (byte) 1 : PASS_A[c] ? (byte) 2
                    : c == '.' || c == ',' || c == '-' ? (byte) 3 : (byte) 0;
        }
    }

    /**
     * Tokenizes in one scan. After pass (a) and the padding, every token is surrounded by
     * whitespace, and passes (b)–(d) only insert spaces and only look at two adjacent characters;
     * a whitespace character is a non-digit that none of their patterns can start or end with in
     * a way that reaches into a neighbouring token. So the passes act on each token independently,
     * as on the token with one space on each side. Tokens without {@code . , -} are therefore final
     * as they are; only the others go through the three passes, on a small copy.
     */
    @Override
    public void tokenize(String text, Tokens out, Scratch scratch) {
        String s = preprocess(text);
        int n = s.length();
        out.load(s, n);
        char[] c = out.chars;
        int runStart = -1;
        int specials = 0;
        int lastSpecial = -1;
        int hash = 0;
        int bodyHash = 0;
        for (int i = 0; i <= n; i++) {
            char ch = i < n ? c[i] : ' ';
            int cls = ch < 128 ? CLASS[ch] : PythonText.isSpace(ch) ? 1 : 0;
            if (cls == 0 || cls == 3) {
                if (runStart < 0) {
                    runStart = i;
                    specials = 0;
                    hash = 0;
                }
                if (cls == 3) {
                    specials++;
                    lastSpecial = i;
                }
                bodyHash = hash;
                hash = 31 * hash + ch;
                continue;
            }
            if (runStart >= 0) {
                if (specials == 0) {
                    out.add(runStart, i, hash);
                } else if (specials == 1 && lastSpecial == i - 1 && i - runStart >= 2 && c[i - 1] != '-') {
                    // the commonest case, "word." or "2019,": passes (b) or (c) split the final
                    // '.'/',' off whatever precedes it, because a space always follows it
                    out.add(runStart, i - 1, bodyHash);
                    out.add(i - 1, i, c[i - 1]);
                } else {
                    splitSpecial(out, runStart, i, scratch);
                    c = out.chars;
                }
                runStart = -1;
            }
            if (cls == 2) {
                out.add(i, i + 1, ch);
            }
        }
    }

    /** Runs passes (b)–(d) on one token that holds a {@code .}, {@code ,} or {@code -}, and adds the pieces. */
    private static void splitSpecial(Tokens out, int start, int end, Scratch scratch) {
        int len = end - start;
        // each pass at most doubles the text, so two regions of 8 * (len + 2) hold every step
        int half = 8 * (len + 2);
        char[] a = scratch.spare(2 * half);
        // the token with a space on each side, then passes (b), (c), (d) ping-ponging between the regions
        a[0] = ' ';
        System.arraycopy(out.chars, start, a, 1, len);
        a[len + 1] = ' ';
        int m = len + 2;
        m = passNonDigitThenDotComma(a, 0, m, a, half);
        m = passDotCommaThenNonDigit(a, half, m, a, 0);
        m = passDigitThenHyphen(a, 0, m, a, half);
        // split a[half, half + m) on spaces and append the pieces after the text
        int base = out.length;
        char[] c = out.chars;
        if (c.length < base + m) {
            c = java.util.Arrays.copyOf(c, Math.max(base + m, c.length * 2));
            out.chars = c;
        }
        System.arraycopy(a, half, c, base, m);
        out.length = base + m;
        int i = base;
        int e = base + m;
        while (i < e) {
            while (i < e && c[i] == ' ') {
                i++;
            }
            int s = i;
            while (i < e && c[i] != ' ') {
                i++;
            }
            if (i > s) {
                out.add(s, i);
            }
        }
    }

    /** Steps before the passes: rstrip, {@code <skipped>}, newlines, entities. */
    static String preprocess(String text) {
        String s = PythonText.rstrip(text);
        if (s.indexOf('<') >= 0) {
            s = s.replace("<skipped>", "");
        }
        if (s.indexOf('\n') >= 0) {
            s = s.replace("-\n", "").replace('\n', ' ');
        }
        if (s.indexOf('&') >= 0) {
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        return s;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** (b) {@code ([^0-9])([.,])} → {@code "$1 $2 "}. */
    private static int passNonDigitThenDotComma(char[] in, int from, int len, char[] out, int to) {
        int o = to;
        int i = from;
        int n = from + len;
        while (i < n) {
            char c = in[i];
            if (i + 1 < n && !isDigit(c) && (in[i + 1] == '.' || in[i + 1] == ',')) {
                out[o++] = c;
                out[o++] = ' ';
                out[o++] = in[i + 1];
                out[o++] = ' ';
                i += 2;
            } else {
                out[o++] = c;
                i++;
            }
        }
        return o - to;
    }

    /** (c) {@code ([.,])([^0-9])} → {@code " $1 $2"}. */
    private static int passDotCommaThenNonDigit(char[] in, int from, int len, char[] out, int to) {
        int o = to;
        int i = from;
        int n = from + len;
        while (i < n) {
            char c = in[i];
            if ((c == '.' || c == ',') && i + 1 < n && !isDigit(in[i + 1])) {
                out[o++] = ' ';
                out[o++] = c;
                out[o++] = ' ';
                out[o++] = in[i + 1];
                i += 2;
            } else {
                out[o++] = c;
                i++;
            }
        }
        return o - to;
    }

    /** (d) {@code ([0-9])(-)} → {@code "$1 $2 "}. */
    private static int passDigitThenHyphen(char[] in, int from, int len, char[] out, int to) {
        int o = to;
        int i = from;
        int n = from + len;
        while (i < n) {
            char c = in[i];
            if (isDigit(c) && i + 1 < n && in[i + 1] == '-') {
                out[o++] = c;
                out[o++] = ' ';
                out[o++] = '-';
                out[o++] = ' ';
                i += 2;
            } else {
                out[o++] = c;
                i++;
            }
        }
        return o - to;
    }
}
