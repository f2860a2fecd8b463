package io.modelwatch.nlp.tokenize;

import io.modelwatch.nlp.text.PythonText;
import java.util.Arrays;

/**
 * A reusable buffer of tokens: a character array and the spans of the tokens in it.
 *
 * <p>Tokenizers write into it instead of allocating strings, so the hot path of a metric creates
 * no garbage per record once the buffer has grown. Mutable and not thread-safe: one buffer per
 * thread (metrics keep one per thread), reused for every string.
 */
public final class Tokens {
    char[] chars = new char[256];
    int length;
    int[] start = new int[64];
    int[] end = new int[64];
    int[] hash = new int[64];
    int count;

    /** Returns the number of tokens. */
    public int count() {
        return count;
    }

    /** Returns the character array that holds the tokens; valid until the buffer is reused. */
    public char[] chars() {
        return chars;
    }

    /** Returns where token {@code i} starts in {@link #chars()}. */
    public int start(int i) {
        return start[i];
    }

    /** Returns where token {@code i} ends (exclusive) in {@link #chars()}. */
    public int end(int i) {
        return end[i];
    }

    /** Returns token {@code i} as a string (allocates; for tests and slow paths). */
    public String token(int i) {
        return new String(chars, start[i], end[i] - start[i]);
    }

    /** Returns the tokens joined by single spaces, the form sacreBLEU prints as "tokenized". */
    public String joined() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(chars, start[i], end[i] - start[i]);
        }
        return sb.toString();
    }

    /** Returns whether token {@code i} equals token {@code j} of {@code other}. */
    public boolean sameToken(int i, Tokens other, int j) {
        return Arrays.equals(chars, start[i], end[i], other.chars, other.start[j], other.end[j]);
    }

    /** Returns the hash of token {@code i}'s characters: {@code h = 31 * h + c} over them, as {@link String#hashCode}. */
    public int hash(int i) {
        return hash[i];
    }

    /** Makes room for {@code n} characters and clears the tokens; returns the array to write into. */
    char[] reset(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        length = 0;
        count = 0;
        return chars;
    }

    /** Replaces the character array (after a tokenizer pass wrote a new one) and its length. */
    void setChars(char[] c, int len) {
        chars = c;
        length = len;
    }

    /** Adds the span {@code [s, e)} of {@link #chars()} as a token, computing its hash. */
    void add(int s, int e) {
        int h = 0;
        char[] c = chars;
        for (int k = s; k < e; k++) {
            h = 31 * h + c[k];
        }
        add(s, e, h);
    }

    /** Adds the span {@code [s, e)} of {@link #chars()} as a token whose {@link #hash} is {@code h}. */
    void add(int s, int e, int h) {
        if (count == start.length) {
            start = Arrays.copyOf(start, count * 2);
            end = Arrays.copyOf(end, count * 2);
            hash = Arrays.copyOf(hash, count * 2);
        }
        start[count] = s;
        end[count] = e;
        hash[count] = h;
        count++;
    }

    /** Splits {@code chars[0, length)} on runs of Python whitespace into tokens. */
    void splitOnWhitespace() {
        count = 0;
        char[] c = chars;
        int n = length;
        int i = 0;
        while (i < n) {
            while (i < n && PythonText.isSpace(c[i])) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int s = i;
            int h = 0;
            while (i < n && !PythonText.isSpace(c[i])) {
                h = 31 * h + c[i];
                i++;
            }
            add(s, i, h);
        }
    }

    /** Copies {@code text[0, n)} into the buffer and sets the length. */
    void load(String text, int n) {
        char[] c = reset(n);
        text.getChars(0, n, c, 0);
        length = n;
    }
}
