package io.modelwatch.recsys.ranking;

import io.modelwatch.recsys.common.CompensatedSums;
import io.modelwatch.recsys.common.RankedCut;

/**
 * The state of {@code recsys.ranking}: per cut-off k, compensated sums of the six per-user values,
 * plus the number of users evaluated and of records accepted and rejected.
 *
 * <p>Sums are indexed {@code k index * 6 + metric}. Scratch buffers used while adding a record
 * also live here, since the metric itself is shared between threads; they are never encoded or
 * merged. Mutable, not thread-safe: one writer at a time, as the host guarantees.
 */
public final class RankingState {
    static final int METRICS = 6;
    static final int HIT = 0;
    static final int PRECISION = 1;
    static final int RECALL = 2;
    static final int MRR = 3;
    static final int NDCG = 4;
    static final int MAP = 5;

    final CompensatedSums sums;
    long users;
    long count;
    long rejected;

    private RankedCut cut;
    private double[] idealGains;
    private int[] hitPositions;
    private double[] hitGains;

    RankingState(CompensatedSums sums) {
        this.sums = sums;
    }

    RankedCut cut() {
        if (cut == null) {
            cut = new RankedCut();
        }
        return cut;
    }

    double[] idealGains(int size) {
        if (idealGains == null || idealGains.length < size) {
            idealGains = new double[Math.max(size, idealGains == null ? 16 : idealGains.length * 2)];
        }
        return idealGains;
    }

    int[] hitPositions(int size) {
        if (hitPositions == null || hitPositions.length < size) {
            hitPositions = new int[Math.max(size, hitPositions == null ? 16 : hitPositions.length * 2)];
        }
        return hitPositions;
    }

    double[] hitGains(int size) {
        if (hitGains == null || hitGains.length < size) {
            hitGains = new double[Math.max(size, hitGains == null ? 16 : hitGains.length * 2)];
        }
        return hitGains;
    }
}
