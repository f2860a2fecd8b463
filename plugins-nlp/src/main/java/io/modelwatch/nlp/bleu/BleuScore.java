package io.modelwatch.nlp.bleu;

import io.modelwatch.nlp.text.PythonFormat;

/**
 * A BLEU score computed from summed sufficient statistics, as sacreBLEU 2.6.0's
 * {@code compute_bleu} reports it.
 *
 * <p>The arithmetic follows {@code ../shared/reference/bleu/README.md} step by step, in the same
 * order, so the results equal sacreBLEU's bit for bit (up to {@link Math#log}/{@link Math#exp}
 * rounding): precisions are {@code (100.0 * c) / t}, logs are summed left to right from 0,
 * divided by the effective order, exponentiated and multiplied by the brevity penalty.
 *
 * @param score the score on a 0–100 scale
 * @param bp the brevity penalty
 * @param ratio {@code sysLen / refLen}, 0 when {@code refLen} is 0
 * @param sysLen the summed hypothesis length in tokens
 * @param refLen the summed closest-reference length in tokens
 * @param counts matches per order, including add-k additions
 * @param totals hypothesis n-grams per order, including add-k additions
 * @param precisions precision per order on a 0–100 scale
 */
public record BleuScore(double score, double bp, double ratio, long sysLen, long refLen,
                        double[] counts, double[] totals, double[] precisions) {

    /** The log sacreBLEU uses for a zero precision. */
    private static final double LOG_ZERO = -9999999999.0;

    /**
     * Scores statistics {@code [sysLen, refLen, c1..cN, t1..tN]}.
     *
     * @param stats the statistics; length {@code 2 + 2 * options.maxOrder()}
     * @param options the smoothing and effective-order settings
     */
    public static BleuScore of(long[] stats, BleuOptions options) {
        int order = options.maxOrder();
        long sysLen = stats[0];
        long refLen = stats[1];
        double[] counts = new double[order];
        double[] totals = new double[order];
        double[] precisions = new double[order];
        boolean anyMatch = false;
        for (int n = 0; n < order; n++) {
            counts[n] = stats[2 + n];
            totals[n] = stats[2 + order + n];
            anyMatch |= stats[2 + n] != 0;
        }
        double bp = 1.0;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / (double) sysLen) : 0.0;
        }
        double ratio = refLen > 0 ? (double) sysLen / (double) refLen : 0.0;
        if (!anyMatch) {
            return new BleuScore(0.0, bp, ratio, sysLen, refLen, counts, totals, precisions);
        }
        double multiplier = 1.0;
        int eff = order;
        Smoothing method = options.smoothing();
        double value = options.smoothValue() == null ? 0.0 : options.smoothValue();
        for (int n = 0; n < order; n++) {
            if (method == Smoothing.ADD_K && n > 0) {
                counts[n] += value;
                totals[n] += value;
            }
            if (totals[n] == 0) {
                break;
            }
            if (options.effectiveOrder()) {
                eff = n + 1;
            }
            if (counts[n] == 0) {
                if (method == Smoothing.EXP) {
                    multiplier *= 2;
                    precisions[n] = 100.0 / (multiplier * totals[n]);
                } else if (method == Smoothing.FLOOR) {
                    precisions[n] = 100.0 * value / totals[n];
                }
            } else {
                precisions[n] = 100.0 * counts[n] / totals[n];
            }
        }
        double logSum = 0.0;
        for (int n = 0; n < eff; n++) {
            logSum += precisions[n] == 0.0 ? LOG_ZERO : Math.log(precisions[n]);
        }
        double score = bp * Math.exp(logSum / eff);
        return new BleuScore(score, bp, ratio, sysLen, refLen, counts, totals, precisions);
    }

    /** Returns the score with two decimals, as Python's {@code f"{score:.2f}"}. */
    public String score2dp() {
        return PythonFormat.fixed(score, 2);
    }

    /**
     * Returns sacreBLEU's {@code str(BLEUScore)}, for example
     * {@code BLEU = 48.89 85.7/66.7/40.0/25.0 (BP = 1.000 ratio = 1.000 hyp_len = 7 ref_len = 7)}.
     */
    public String formatted() {
        StringBuilder sb = new StringBuilder("BLEU = ").append(score2dp()).append(' ');
        for (int n = 0; n < precisions.length; n++) {
            if (n > 0) {
                sb.append('/');
            }
            sb.append(PythonFormat.fixed(precisions[n], 1));
        }
        sb.append(" (BP = ").append(PythonFormat.fixed(bp, 3))
                .append(" ratio = ").append(PythonFormat.fixed(ratio, 3))
                .append(" hyp_len = ").append(sysLen)
                .append(" ref_len = ").append(refLen).append(')');
        return sb.toString();
    }
}
