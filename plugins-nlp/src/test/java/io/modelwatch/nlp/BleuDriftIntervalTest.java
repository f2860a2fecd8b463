package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.nlp.bleu.BleuOptions;
import io.modelwatch.nlp.bleu.BleuScore;
import io.modelwatch.nlp.bleu.BleuSegmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BLEU drift on the 10k corpus with the kernel's interval method (DESIGN §4: G = 32 random groups,
 * delete-a-group jackknife), computed here directly from {@code nlp.bleu}'s mergeable statistics:
 * <ul>
 *   <li>the jackknife standard error agrees with a 1,000-resample bootstrap over sentences within
 *       a factor of 1.5;</li>
 *   <li>a degraded half (in one sentence of 20, every fourth hypothesis word dropped: 1.0–1.5 BLEU
 *       lower) is flagged against a baseline half, for each of 5 seeds;</li>
 *   <li>two random halves of the same data are flagged at no more than about the nominal 5% rate over
 *       40 seeds.</li>
 * </ul>
 * The decision compares {@code |Δ| / sqrt(se₁² + se₂²)} with the t quantile 2.0395 (two-sided 95%,
 * 31 degrees of freedom: G − 1, the smaller of the two Welch–Satterthwaite bounds 31..62, so the
 * test is slightly conservative). The kernel's test adds Satterthwaite's degrees of freedom.
 */
class BleuDriftIntervalTest {
    private static final int GROUPS = 32;
    private static final double T_31_975 = 2.0395;
    private static final BleuOptions OPTIONS = BleuOptions.corpusDefaults();
    private static long[][] segments;
    private static long[][] degraded;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void statistics() {
        List<Map<String, Object>> corpus = ReferenceFiles.corpus10k();
        BleuSegmenter seg = new BleuSegmenter(OPTIONS);
        segments = new long[corpus.size()][10];
        degraded = new long[corpus.size()][10];
        for (int i = 0; i < corpus.size(); i++) {
            String hyp = (String) corpus.get(i).get("hyp");
            List<String> refs = (List<String>) corpus.get(i).get("refs");
            seg.statistics(hyp, refs, segments[i]);
            String[] words = hyp.split(" ");
            List<String> kept = new ArrayList<>();
            for (int w = 0; w < words.length; w++) {
                if (w % 4 != 3) {
                    kept.add(words[w]);
                }
            }
            if (i % 20 == 0) {
                seg.statistics(String.join(" ", kept), refs, degraded[i]);
            } else {
                degraded[i] = segments[i].clone();
            }
        }
    }

    private static double bleu(long[] stats) {
        return BleuScore.of(stats, OPTIONS).score();
    }

    private static void add(long[] target, long[] source) {
        for (int k = 0; k < target.length; k++) {
            target[k] += source[k];
        }
    }

    /** Returns {score, jackknife standard error} of the segments {@code rows} of {@code data}, grouped at random. */
    private static double[] jackknife(long[][] data, List<Integer> rows, Random random) {
        long[][] groups = new long[GROUPS][10];
        long[] all = new long[10];
        for (int i : rows) {
            add(groups[random.nextInt(GROUPS)], data[i]);
            add(all, data[i]);
        }
        double[] loo = new double[GROUPS];
        double mean = 0;
        for (int g = 0; g < GROUPS; g++) {
            long[] s = all.clone();
            for (int k = 0; k < 10; k++) {
                s[k] -= groups[g][k];
            }
            loo[g] = bleu(s);
            mean += loo[g] / GROUPS;
        }
        double ss = 0;
        for (double x : loo) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {bleu(all), Math.sqrt((GROUPS - 1.0) / GROUPS * ss)};
    }

    private static boolean flagged(double[] current, double[] baseline) {
        double se = Math.sqrt(current[1] * current[1] + baseline[1] * baseline[1]);
        return Math.abs(current[0] - baseline[0]) / se > T_31_975;
    }

    private static List<List<Integer>> halves(Random random) {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            (random.nextBoolean() ? a : b).add(i);
        }
        return List.of(a, b);
    }

    @Test
    void jackknifeOverGroupsAgreesWithASentenceBootstrap() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            all.add(i);
        }
        double jk = jackknife(segments, all, new Random(1))[1];
        Random random = new Random(2);
        int resamples = 1000;
        double[] scores = new double[resamples];
        double mean = 0;
        for (int b = 0; b < resamples; b++) {
            long[] s = new long[10];
            for (int i = 0; i < segments.length; i++) {
                add(s, segments[random.nextInt(segments.length)]);
            }
            scores[b] = bleu(s);
            mean += scores[b] / resamples;
        }
        double ss = 0;
        for (double x : scores) {
            ss += (x - mean) * (x - mean);
        }
        double boot = Math.sqrt(ss / (resamples - 1));
        System.out.printf("BLEU 10k: jackknife (32 groups) SE %.4f, sentence bootstrap (1000) SE %.4f, ratio %.3f%n",
                jk, boot, jk / boot);
        assertTrue(jk / boot < 1.5 && boot / jk < 1.5, "jackknife SE " + jk + " against bootstrap SE " + boot);
    }

    @Test
    void aDegradedHalfIsFlagged() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            List<List<Integer>> h = halves(random);
            double[] baseline = jackknife(segments, h.get(0), random);
            double[] current = jackknife(degraded, h.get(1), random);
            System.out.printf("seed %d: baseline %.2f ± %.2f, degraded %.2f ± %.2f%n", seed, baseline[0], baseline[1],
                    current[0], current[1]);
            assertTrue(current[0] < baseline[0] && flagged(current, baseline), "seed " + seed + " not flagged");
        }
    }

    @Test
    void halvesOfTheSameDataAreFlaggedAtAboutTheNominalRate() {
        int seeds = 40;
        int alarms = 0;
        for (long seed = 100; seed < 100 + seeds; seed++) {
            Random random = new Random(seed);
            List<List<Integer>> h = halves(random);
            if (flagged(jackknife(segments, h.get(1), random), jackknife(segments, h.get(0), random))) {
                alarms++;
            }
        }
        System.out.printf("false alarms at 95%%: %d of %d seeds%n", alarms, seeds);
        // at a true 5% rate, 6 or more alarms in 40 has probability about 1.4%
        assertTrue(alarms <= 5, alarms + " false alarms in " + seeds);
    }
}
