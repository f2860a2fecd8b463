package io.modelwatch.nlp.ter;

import static java.util.Objects.requireNonNull;

import io.modelwatch.nlp.text.PythonText;
import java.util.ArrayList;
import java.util.List;

/**
 * sacreBLEU 2.6.0's "tercom" preprocessing {@code P(s)} of {@code ../shared/reference/bleu/TER.md}
 * §2: rstrip, lower-case unless case-sensitive, the optional "normalized" rules (newline joins,
 * four entities, ASCII punctuation split, possessive {@code 's}, 13a's number-aware {@code .}/
 * {@code ,}/{@code -} rules), optional Asian splitting, optional punctuation removal, then
 * whitespace collapsing. Hypotheses go through it once; references twice, as sacreBLEU does.
 * Immutable and thread-safe.
 */
public final class TerNormalizer {
    private final TerOptions options;

    /** Creates a normalizer for {@code options}. */
    public TerNormalizer(TerOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    /** Returns the words of a hypothesis: {@code split(P(h))}. */
    public List<String> hypothesisWords(String hypothesis) {
        return split(process(hypothesis));
    }

    /** Returns the words of a reference: {@code split(P(P(r)))}. */
    public List<String> referenceWords(String reference) {
        return split(process(process(reference)));
    }

    /** Returns {@code P(s)}: the processed string, tokens joined by single spaces. */
    public String process(String text) {
        String s = PythonText.rstrip(text);
        if (s.isEmpty()) {
            return "";
        }
        if (!options.caseSensitive()) {
            s = PythonText.lower(s);
        }
        if (options.normalized()) {
            s = normalizeGeneral(s);
            if (options.asianSupport()) {
                s = splitAsian(s);
            }
        }
        if (options.noPunct()) {
            s = removePunctuation(s, options.asianSupport());
        }
        return String.join(" ", split(s));
    }

    private static String normalizeGeneral(String text) {
        String s = text.replace("\n-", "").replace('\n', ' ');
        s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        StringBuilder sb = new StringBuilder(s.length() * 2 + 2).append(' ');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSplitPunctuation(c)) {
                sb.append(' ').append(c).append(' ');
            } else {
                sb.append(c);
            }
        }
        sb.append(' ');
        s = sb.toString().replace("'s ", " 's ");
        s = nonDigitThenDotComma(s);
        s = dotCommaThenNonDigit(s);
        return digitThenHyphen(s);
    }

    /** The ASCII set 13a also splits: U+0020–0026, 0028–002B, 002F, 003A–0040, 005B–0060, 007B–007E. */
    private static boolean isSplitPunctuation(char c) {
        return (c >= 0x20 && c <= 0x26) || (c >= 0x28 && c <= 0x2B) || c == 0x2F || (c >= 0x3A && c <= 0x40)
                || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String nonDigitThenDotComma(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (i + 1 < n && !isDigit(c) && (s.charAt(i + 1) == '.' || s.charAt(i + 1) == ',')) {
                sb.append(c).append(' ').append(s.charAt(i + 1)).append(' ');
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String dotCommaThenNonDigit(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if ((c == '.' || c == ',') && i + 1 < n && !isDigit(s.charAt(i + 1))) {
                sb.append(' ').append(c).append(' ').append(s.charAt(i + 1));
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String digitThenHyphen(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (isDigit(c) && i + 1 < n && s.charAt(i + 1) == '-') {
                sb.append(c).append(" - ");
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean isCjk(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x31C0 && c <= 0x31EF)
                || (c >= 0x2E80 && c <= 0x2EFF) || (c >= 0x3300 && c <= 0x33FF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0x3200 && c <= 0x3F22);
    }

    private static boolean isAsianPunctuation(char c) {
        return c == 0x3001 || c == 0x3002 || (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301F)
                || (c >= 0xFF61 && c <= 0xFF65) || c == 0x30FB;
    }

    private static boolean isFullWidthPunctuation(char c) {
        return c == 0xFF0E || c == 0xFF0C || c == 0xFF1F || c == 0xFF1A || c == 0xFF1B || c == 0xFF01
                || c == 0xFF02 || c == 0xFF08 || c == 0xFF09;
    }

    private static String splitAsian(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isCjk(c) || isAsianPunctuation(c) || isFullWidthPunctuation(c)) {
                sb.append(' ').append(c).append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String removePunctuation(String s, boolean asian) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = c == '.' || c == ',' || c == '?' || c == ':' || c == ';' || c == '!' || c == '"'
                    || c == '(' || c == ')'
                    || (asian && (isAsianPunctuation(c) || isFullWidthPunctuation(c)));
            if (!drop) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Splits on runs of Python whitespace. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && PythonText.isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !PythonText.isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
