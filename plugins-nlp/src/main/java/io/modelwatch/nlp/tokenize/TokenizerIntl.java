package io.modelwatch.nlp.tokenize;

import io.modelwatch.nlp.text.PythonText;

/**
 * sacreBLEU's {@code intl} tokenizer (mteval-v14 international), written without regular
 * expressions over code points.
 *
 * <p>Three global left-to-right non-overlapping passes, then a split on Python whitespace:
 * {@code (\P{N})(\p{P})} → {@code "$1 $2 "}, {@code (\p{P})(\P{N})} → {@code " $1 $2"},
 * {@code (\p{S})} → {@code " $1 "}, where N, P and S are Unicode general categories (Java's
 * {@link Character#getType} tables; sacreBLEU's {@code regex} module had Unicode 15.0, Java 17 has
 * 13.0, so characters assigned in Unicode 14–15 count as unassigned here). No padding, entity or
 * newline handling. Stateless and thread-safe.
 */
public final class TokenizerIntl implements Tokenizer {
    static final TokenizerIntl INSTANCE = new TokenizerIntl();

    private TokenizerIntl() {
    }

    @Override
    public String name() {
        return "intl";
    }

    static boolean isNumber(int cp) {
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    static boolean isPunctuation(int cp) {
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }

    static boolean isSymbol(int cp) {
        int t = Character.getType(cp);
        return t == Character.MATH_SYMBOL || t == Character.CURRENCY_SYMBOL
                || t == Character.MODIFIER_SYMBOL || t == Character.OTHER_SYMBOL;
    }

    @Override
    public void tokenize(String text, Tokens out, Scratch scratch) {
        int len = PythonText.rstripLength(text);
        int cpCount = text.codePointCount(0, len);
        int[] a = grow(scratch.codePoints, cpCount * 4 + 4);
        int n = 0;
        for (int i = 0; i < len; ) {
            int cp = text.codePointAt(i);
            a[n++] = cp;
            i += Character.charCount(cp);
        }
        int[] b = grow(scratch.codePointsSpare, n * 4 + 4);
        // (\P{N})(\p{P}) -> "$1 $2 "
        int m = 0;
        for (int i = 0; i < n; ) {
            if (i + 1 < n && !isNumber(a[i]) && isPunctuation(a[i + 1])) {
                b[m++] = a[i];
                b[m++] = ' ';
                b[m++] = a[i + 1];
                b[m++] = ' ';
                i += 2;
            } else {
                b[m++] = a[i++];
            }
        }
        a = grow(a, m * 2 + 4);
        // (\p{P})(\P{N}) -> " $1 $2"
        n = 0;
        for (int i = 0; i < m; ) {
            if (i + 1 < m && isPunctuation(b[i]) && !isNumber(b[i + 1])) {
                a[n++] = ' ';
                a[n++] = b[i];
                a[n++] = ' ';
                a[n++] = b[i + 1];
                i += 2;
            } else {
                a[n++] = b[i++];
            }
        }
        // (\p{S}) -> " $1 ", written as chars straight into the output
        char[] c = out.reset(n * 6 + 4);
        int o = 0;
        for (int i = 0; i < n; i++) {
            int cp = a[i];
            boolean sym = isSymbol(cp);
            if (sym) {
                c[o++] = ' ';
            }
            o += Character.toChars(cp, c, o);
            if (sym) {
                c[o++] = ' ';
            }
        }
        scratch.codePoints = a;
        scratch.codePointsSpare = b;
        out.setChars(c, o);
        out.splitOnWhitespace();
    }

    private static int[] grow(int[] a, int n) {
        return a.length >= n ? a : new int[Math.max(n, a.length * 2)];
    }
}
