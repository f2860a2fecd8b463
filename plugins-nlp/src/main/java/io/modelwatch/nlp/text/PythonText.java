package io.modelwatch.nlp.text;

import java.util.Locale;

/**
 * Python 3 string semantics that sacreBLEU relies on: {@code str.isspace()}, {@code rstrip()},
 * {@code strip()} and {@code lower()}.
 *
 * <p>Java's {@link Character#isWhitespace} misses U+00A0, U+2007, U+202F and U+0085, and regex
 * {@code \s} is ASCII-only, so neither can be used where sacreBLEU splits on whitespace. Every
 * Python whitespace character is in the BMP, so a {@code char} test is exact. Stateless and
 * thread-safe.
 */
public final class PythonText {
    private PythonText() {
    }

    /**
     * Returns whether {@code c} is whitespace for Python's {@code str.isspace()}: U+0009–000D,
     * U+001C–001F, U+0020, U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F and
     * U+3000.
     */
    public static boolean isSpace(char c) {
        if (c < 0x85) {
            return c <= 0x20 && (c == 0x20 || (c >= 0x09 && c <= 0x0D) || c >= 0x1C);
        }
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** Returns whether the code point is Python whitespace (only BMP code points can be). */
    public static boolean isSpace(int codePoint) {
        return codePoint < 0x10000 && isSpace((char) codePoint);
    }

    /** Returns the length of {@code s} without its trailing Python whitespace ({@code rstrip()}). */
    public static int rstripLength(CharSequence s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Returns {@code s.rstrip()}. */
    public static String rstrip(String s) {
        int end = rstripLength(s);
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Returns {@code s.strip()}. */
    public static String strip(String s) {
        int end = rstripLength(s);
        int start = 0;
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start, end);
    }

    /**
     * Returns Python's {@code s.lower()}: full Unicode lower-casing that is not locale-sensitive.
     * {@link String#toLowerCase(Locale)} with {@link Locale#ROOT} implements the same mapping,
     * including the final sigma rule and {@code İ} → {@code i̇}.
     */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Returns whether {@code s} is empty or only Python whitespace. */
    public static boolean isBlank(String s) {
        return rstripLength(s) == 0;
    }
}
