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
 * {@code "$1 $2 "}; finally split on Python whitespace. Each pass here is a loop over a
 * {@code char[]} that consumes two characters on a match and one otherwise, which is exactly the
 * regex engine's leftmost non-overlapping semantics for two-character patterns. Working on UTF-16
 * units gives the same output as Python's code points because every character a pattern names is
 * ASCII. Stateless and thread-safe.
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

    @Override
    public void tokenize(String text, Tokens out, Scratch scratch) {
        String s = preprocess(text);
        int n = s.length();
        // pass (a) with the padding, straight from the string into the output buffer
        char[] a = out.reset(3 * n + 2);
        int len = 0;
        a[len++] = ' ';
        boolean hasDotComma = false;
        boolean hasHyphen = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128 && PASS_A[c]) {
                a[len++] = ' ';
                a[len++] = c;
                a[len++] = ' ';
            } else {
                a[len++] = c;
                if (c == '.' || c == ',') {
                    hasDotComma = true;
                } else if (c == '-') {
                    hasHyphen = true;
                }
            }
        }
        a[len++] = ' ';
        if (hasDotComma) {
            char[] b = scratch.spare(2 * len + 2);
            len = passNonDigitThenDotComma(a, len, b);
            char[] c = a;
            a = b;
            scratch.spare = c;
            b = scratch.spare(2 * len + 2);
            len = passDotCommaThenNonDigit(a, len, b);
            scratch.spare = a;
            a = b;
        }
        if (hasHyphen) {
            char[] b = scratch.spare(2 * len + 2);
            len = passDigitThenHyphen(a, len, b);
            scratch.spare = a;
            a = b;
        }
        out.setChars(a, len);
        out.splitOnWhitespace();
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
    private static int passNonDigitThenDotComma(char[] in, int n, char[] out) {
        int o = 0;
        int i = 0;
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
        return o;
    }

    /** (c) {@code ([.,])([^0-9])} → {@code " $1 $2"}. */
    private static int passDotCommaThenNonDigit(char[] in, int n, char[] out) {
        int o = 0;
        int i = 0;
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
        return o;
    }

    /** (d) {@code ([0-9])(-)} → {@code "$1 $2 "}. */
    private static int passDigitThenHyphen(char[] in, int n, char[] out) {
        int o = 0;
        int i = 0;
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
        return o;
    }
}
