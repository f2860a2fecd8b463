package io.modelwatch.nlp.ter;

import io.modelwatch.nlp.bleu.BleuOptions;

/**
 * The settings of TER, named as in sacreBLEU's {@code TER}.
 *
 * @param normalized apply the "general and western" tokenization rules
 * @param noPunct delete punctuation
 * @param asianSupport split CJK characters and Asian punctuation (only with {@code normalized})
 * @param caseSensitive keep case (otherwise Python {@code str.lower()})
 */
public record TerOptions(boolean normalized, boolean noPunct, boolean asianSupport, boolean caseSensitive) {

    /** Returns sacreBLEU's signature, for example {@code nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0}. */
    public String signature(String nrefs) {
        return "nrefs:" + nrefs + "|case:" + (caseSensitive ? "mixed" : "lc") + "|tok:tercom|norm:" + yesNo(normalized)
                + "|punct:" + yesNo(!noPunct) + "|asian:" + yesNo(asianSupport) + "|version:" + BleuOptions.SACREBLEU_VERSION;
    }

    /** Returns sacreBLEU's short signature, for example {@code #:1|c:lc|t:tercom|nr:no|pn:yes|as:no|v:2.6.0}. */
    public String shortSignature(String nrefs) {
        return "#:" + nrefs + "|c:" + (caseSensitive ? "mixed" : "lc") + "|t:tercom|nr:" + yesNo(normalized)
                + "|pn:" + yesNo(!noPunct) + "|as:" + yesNo(asianSupport) + "|v:" + BleuOptions.SACREBLEU_VERSION;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
