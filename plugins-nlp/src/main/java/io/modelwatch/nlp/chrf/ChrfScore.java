package io.modelwatch.nlp.chrf;

/**
 * The chrF score of statistics {@code [hyp_n, ref_n, match_n]} per order (character orders
 * first, then word orders), as sacreBLEU 2.6.0 computes it.
 *
 * <p>Default (effective order): over the orders with {@code hyp_n > 0} and {@code ref_n > 0},
 * average the precisions {@code match/hyp} into P and the recalls {@code match/ref} into R; the
 * score is {@code 100 * (1+β²)PR / (β²P + R)}, or 0 when there is no such order or P + R = 0. This
 * is one F of averaged P and R, not a mean of per-order F scores. With {@code eps_smoothing} the
 * per-order F scores (precision or recall of an empty order taken as 1e-16, F as 1e-16 when
 * undefined) are averaged over all orders instead. Stateless.
 */
public final class ChrfScore {
    private static final double EPS = 1e-16;

    private ChrfScore() {
    }

    /** Returns the score, 0 to 100, of {@code stats[0, 3 * orders)}. */
    public static double of(long[] stats, int orders, int beta, boolean epsSmoothing) {
        double factor = (double) beta * beta;
        if (epsSmoothing) {
            double sum = 0.0;
            for (int i = 0; i < orders; i++) {
                long hyp = stats[3 * i];
                long ref = stats[3 * i + 1];
                long match = stats[3 * i + 2];
                double p = hyp > 0 ? (double) match / hyp : EPS;
                double r = ref > 0 ? (double) match / ref : EPS;
                double denom = factor * p + r;
                sum += denom > 0 ? (1 + factor) * p * r / denom : EPS;
            }
            return 100 * sum / orders;
        }
        double p = 0.0;
        double r = 0.0;
        int eff = 0;
        for (int i = 0; i < orders; i++) {
            long hyp = stats[3 * i];
            long ref = stats[3 * i + 1];
            if (hyp > 0 && ref > 0) {
                long match = stats[3 * i + 2];
                p += (double) match / hyp;
                r += (double) match / ref;
                eff++;
            }
        }
        if (eff == 0) {
            return 0.0;
        }
        p /= eff;
        r /= eff;
        if (p + r == 0) {
            return 0.0;
        }
        double score = (1 + factor) * p * r;
        score /= factor * p + r;
        return 100 * score;
    }
}
