package io.modelwatch.nlp.bleu;

import static java.util.Objects.requireNonNull;

import io.modelwatch.nlp.text.PythonFormat;

/**
 * The settings of a BLEU computation, named as in sacreBLEU.
 *
 * @param tokenize the tokenizer name: {@code 13a}, {@code intl}, {@code char} or {@code none}
 * @param lowercase whether text is lower-cased (Python {@code str.lower()}) before tokenizing
 * @param smoothing the smoothing method
 * @param smoothValue the smoothing value; null means the method's default (see {@link Smoothing})
 * @param maxOrder the largest n-gram order, 1 to 16 (sacreBLEU's default 4)
 * @param effectiveOrder whether the geometric mean stops at the largest order with n-grams
 */
public record BleuOptions(String tokenize, boolean lowercase, Smoothing smoothing, Double smoothValue,
                          int maxOrder, boolean effectiveOrder) {
    /** The sacreBLEU version whose behaviour this implementation follows, as it appears in signatures. */
    public static final String SACREBLEU_VERSION = "2.6.0";

    public BleuOptions {
        requireNonNull(tokenize, "tokenize is null");
        requireNonNull(smoothing, "smoothing is null");
        if (smoothValue == null) {
            smoothValue = smoothing.defaultValue();
        }
        if (maxOrder < 1 || maxOrder > 16) {
            throw new IllegalArgumentException("max_ngram_order must be between 1 and 16, not " + maxOrder);
        }
    }

    /** Returns sacreBLEU's defaults for {@code corpus_bleu}: 13a, mixed case, exp, order 4, no effective order. */
    public static BleuOptions corpusDefaults() {
        return new BleuOptions("13a", false, Smoothing.EXP, null, 4, false);
    }

    /** Returns these options with effective order switched on, as {@code sentence_bleu} defaults. */
    public BleuOptions withEffectiveOrder() {
        return new BleuOptions(tokenize, lowercase, smoothing, smoothValue, maxOrder, true);
    }

    /**
     * Returns sacreBLEU's signature, for example
     * {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}.
     *
     * @param nrefs the reference count as text: a number, or {@code var} when it varies
     */
    public String signature(String nrefs) {
        String smooth = smoothing.id() + (smoothValue == null ? "" : "[" + PythonFormat.fixed(smoothValue, 2) + "]");
        return "nrefs:" + nrefs + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (effectiveOrder ? "yes" : "no")
                + "|tok:" + tokenize + "|smooth:" + smooth + "|version:" + SACREBLEU_VERSION;
    }
}
