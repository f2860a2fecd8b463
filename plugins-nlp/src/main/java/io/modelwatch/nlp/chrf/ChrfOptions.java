package io.modelwatch.nlp.chrf;

import io.modelwatch.nlp.bleu.BleuOptions;

/**
 * The settings of chrF / chrF++, named as in sacreBLEU's {@code CHRF}.
 *
 * @param charOrder character n-gram order (default 6)
 * @param wordOrder word n-gram order: 0 for chrF, 2 for chrF++
 * @param beta the weight of recall over precision (default 2)
 * @param lowercase whether to lower-case with Python {@code str.lower()}
 * @param whitespace whether whitespace is kept in character n-grams (default false)
 * @param epsSmoothing whether to average per-order F scores with epsilon smoothing (chrF++.py)
 *     instead of sacreBLEU's default effective-order averaging of precision and recall
 */
public record ChrfOptions(int charOrder, int wordOrder, int beta, boolean lowercase, boolean whitespace,
                          boolean epsSmoothing) {
    public ChrfOptions {
        if (charOrder < 0 || wordOrder < 0 || charOrder + wordOrder == 0 || charOrder > 16 || wordOrder > 16) {
            throw new IllegalArgumentException("char_order and word_order must be 0 to 16 and not both 0, not "
                    + charOrder + " and " + wordOrder);
        }
        if (beta < 1) {
            throw new IllegalArgumentException("beta must be at least 1, not " + beta);
        }
    }

    /** Returns sacreBLEU's {@code CHRF()} defaults (chrF2). */
    public static ChrfOptions chrf() {
        return new ChrfOptions(6, 0, 2, false, false, false);
    }

    /** Returns sacreBLEU's {@code CHRF(word_order=2)} defaults (chrF2++). */
    public static ChrfOptions chrfPlusPlus() {
        return new ChrfOptions(6, 2, 2, false, false, false);
    }

    /** Returns the number of orders, character and word together. */
    public int orders() {
        return charOrder + wordOrder;
    }

    /** Returns the metric name sacreBLEU prints: {@code chrF2}, {@code chrF2++}. */
    public String displayName() {
        return "chrF" + beta + "+".repeat(wordOrder);
    }

    /** Returns sacreBLEU's signature, for example {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}. */
    public String signature(String nrefs) {
        return "nrefs:" + nrefs + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (epsSmoothing ? "no" : "yes")
                + "|nc:" + charOrder + "|nw:" + wordOrder + "|space:" + (whitespace ? "yes" : "no")
                + "|version:" + BleuOptions.SACREBLEU_VERSION;
    }
}
