package io.modelwatch.nlp.tokenize;

/**
 * One of sacreBLEU's BLEU tokenizers ({@code 13a}, {@code intl}, {@code char}, {@code none}),
 * preceded by its preprocessing: optional Python {@code lower()}, then {@code rstrip()}, then the
 * tokenizer, then a split on Python whitespace.
 *
 * <p>Implementations are stateless and thread-safe; all scratch space lives in the
 * {@link Tokens} (and {@link Scratch}) the caller passes.
 */
public interface Tokenizer {

    /** Returns the name sacreBLEU's signature uses ({@code 13a}, {@code intl}, {@code char}, {@code none}). */
    String name();

    /**
     * Tokenizes {@code text} (already lower-cased if the metric lower-cases) into {@code out}.
     *
     * @param text the raw text; never null
     * @param out the buffer to fill; its previous content is discarded
     * @param scratch working space for the tokenizer's passes
     */
    void tokenize(String text, Tokens out, Scratch scratch);

    /** Returns the tokenizer of sacreBLEU name {@code name}. */
    static Tokenizer of(String name) {
        return switch (name) {
            case "13a" -> Tokenizer13a.INSTANCE;
            case "intl" -> TokenizerIntl.INSTANCE;
            case "char" -> TokenizerChar.INSTANCE;
            case "none" -> TokenizerNone.INSTANCE;
            default -> throw new IllegalArgumentException("unknown tokenizer '" + name
                    + "': expected one of 13a, intl, char, none");
        };
    }

    /** Working space for tokenizer passes: one spare character array, grown on demand. Not thread-safe. */
    final class Scratch {
        char[] spare = new char[512];
        int[] codePoints = new int[256];
        int[] codePointsSpare = new int[256];

        char[] spare(int n) {
            if (spare.length < n) {
                spare = new char[Math.max(n, spare.length * 2)];
            }
            return spare;
        }
    }
}
