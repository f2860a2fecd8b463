package io.modelwatch.recsys.ranking;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.StateCodec;
import io.modelwatch.recsys.common.CompensatedSums;
import io.modelwatch.recsys.common.Duplicates;
import io.modelwatch.recsys.common.RankedCut;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code recsys.ranking}: hit rate, precision, recall, MRR, NDCG and MAP at each configured k, as
 * means over users of per-user values (definitions in {@code shared/reference/ranking/README.md}).
 *
 * <p>Per record (one user's request): the recommended list is reordered by {@code scores} when
 * they are given, cut at the largest k under the {@code duplicates} convention, and each position
 * is judged against {@code relevant} (grade at least 1 is relevant). The state keeps per-k
 * compensated sums, so windows merge exactly. A record is rejected (counted, never thrown) when
 * {@code recommended} or {@code relevant} is missing, a grade is not a finite number, an id in the
 * judged positions is null, or the scores are not one finite number per item. A record whose user
 * has no relevant item is accepted and, as {@code users_without_relevant} says, skipped or scored
 * 0. Immutable and thread-safe.
 */
final class RankingMetric implements Metric<RankingState> {
    /** The gain of a relevant item's grade in NDCG. */
    enum Gain {
        LINEAR, EXPONENTIAL, BINARY;

        static Gain of(String value) {
            switch (value) {
                case "linear":
                    return LINEAR;
                case "exponential":
                    return EXPONENTIAL;
                case "binary":
                    return BINARY;
                default:
                    throw new IllegalArgumentException("ndcg_gain must be linear, exponential or binary, not " + value);
            }
        }
    }

    private static final String[] METRIC_NAMES = {"hit_rate", "precision", "recall", "mrr", "ndcg", "map"};

    private final FieldRef recommended;
    private final FieldRef relevant;
    private final FieldRef scores;
    private final int[] ks;
    private final int maxK;
    private final boolean zeroWithoutRelevant;
    private final boolean mapByR;
    private final Gain gain;
    private final boolean precisionByListLength;
    private final Duplicates duplicates;
    /** discount[i] = 1 / log2(i + 1) for rank i >= 1. */
    private final double[] discount;
    private final String[][] outputNames;
    private final String[] userNames;
    private final Codec codec = new Codec();

    RankingMetric(FieldRef recommended, FieldRef relevant, FieldRef scores, int[] ks,
                  boolean zeroWithoutRelevant, boolean mapByR, Gain gain, boolean precisionByListLength,
                  Duplicates duplicates) {
        this.recommended = requireNonNull(recommended, "recommended is null");
        this.relevant = requireNonNull(relevant, "relevant is null");
        this.scores = requireNonNull(scores, "scores is null");
        this.ks = ks.clone();
        this.maxK = this.ks[this.ks.length - 1];
        this.zeroWithoutRelevant = zeroWithoutRelevant;
        this.mapByR = mapByR;
        this.gain = requireNonNull(gain, "gain is null");
        this.precisionByListLength = precisionByListLength;
        this.duplicates = requireNonNull(duplicates, "duplicates is null");
        this.discount = new double[maxK + 1];
        for (int i = 1; i <= maxK; i++) {
            discount[i] = 1.0 / (Math.log(i + 1) / Math.log(2));
        }
        this.outputNames = new String[this.ks.length][METRIC_NAMES.length];
        this.userNames = new String[this.ks.length];
        for (int j = 0; j < this.ks.length; j++) {
            for (int m = 0; m < METRIC_NAMES.length; m++) {
                outputNames[j][m] = METRIC_NAMES[m] + "@" + this.ks[j];
            }
            userNames[j] = "users@" + this.ks[j];
        }
    }

    @Override
    public RankingState newState() {
        return new RankingState(new CompensatedSums(ks.length * RankingState.METRICS));
    }

    private double gainOf(double grade) {
        switch (gain) {
            case LINEAR:
                return grade;
            case EXPONENTIAL:
                return Math.pow(2.0, grade) - 1.0;
            default:
                return 1.0;
        }
    }

    @Override
    public void add(RankingState state, Observation o) {
        List<String> rec = o.ids(recommended);
        Map<String, Double> rel = o.gradedIds(relevant);
        if (rec == null || rel == null) {
            state.rejected++;
            return;
        }
        RankedCut cut = state.cut();
        if (!cut.cut(rec, o.numbers(scores), maxK, duplicates)) {
            state.rejected++;
            return;
        }
        int len = cut.length();
        double[] ideal = state.idealGains(rel.size());
        int[] hitPositions = state.hitPositions(Math.max(rel.size(), len));
        double[] hitGains = state.hitGains(Math.max(rel.size(), len));
        // Without repeats judged per position, look each relevant item up in the cut (R probes of
        // a small table) instead of each position up in the relevance map (k map lookups).
        boolean byRelevant = duplicates != Duplicates.RAW;
        int r = 0;
        int h = 0;
        for (Map.Entry<String, Double> e : rel.entrySet()) {
            Double value = e.getValue();
            if (value == null || !Double.isFinite(value)) {
                state.rejected++;
                return;
            }
            double g = value;
            if (g >= 1.0) {
                double gain = gainOf(g);
                ideal[r++] = gain;
                if (byRelevant && e.getKey() != null) {
                    int position = cut.positionOf(e.getKey());
                    if (position >= 0) {
                        hitPositions[h] = position;
                        hitGains[h] = gain;
                        h++;
                    }
                }
            }
        }
        state.count++;
        if (r == 0) {
            // Every accuracy value is 0 for such a user under "zero" (ranx replaces IDCG 0 by 1).
            if (zeroWithoutRelevant) {
                state.users++;
            }
            return;
        }
        state.users++;
        if (byRelevant) {
            sortByPosition(hitPositions, hitGains, h);
        } else {
            for (int p = 0; p < len; p++) {
                Double g = rel.get(cut.item(p));
                if (g != null && g >= 1.0) {
                    hitPositions[h] = p;
                    hitGains[h] = gainOf(g);
                    h++;
                }
            }
        }
        if (gain != Gain.BINARY && r > 1) {
            Arrays.sort(ideal, 0, r);
        }
        int hits = 0;
        int first = 0;
        double dcg = 0.0;
        double ap = 0.0;
        double idcg = 0.0;
        int next = 0;
        int idealDone = 0;
        for (int j = 0; j < ks.length; j++) {
            int k = ks[j];
            while (next < h && hitPositions[next] < k) {
                int rank = hitPositions[next] + 1;
                hits++;
                if (first == 0) {
                    first = rank;
                }
                dcg += hitGains[next] * discount[rank];
                ap += (double) hits / rank;
                next++;
            }
            int idealLength = Math.min(r, k);
            while (idealDone < idealLength) {
                idealDone++;
                // ideal is ascending: the i-th best gain is ideal[r - i].
                idcg += (gain == Gain.BINARY ? 1.0 : ideal[r - idealDone]) * discount[idealDone];
            }
            emit(state, j, k, hits, first, dcg, ap, idcg, r, cut.listLength());
        }
    }

    /** Insertion sort of the first n hits by position (n is at most the user's relevant count). */
    private static void sortByPosition(int[] positions, double[] gains, int n) {
        for (int i = 1; i < n; i++) {
            int p = positions[i];
            double g = gains[i];
            int j = i - 1;
            while (j >= 0 && positions[j] > p) {
                positions[j + 1] = positions[j];
                gains[j + 1] = gains[j];
                j--;
            }
            positions[j + 1] = p;
            gains[j + 1] = g;
        }
    }

    private void emit(RankingState state, int j, int k, int hits, int first, double dcg, double ap,
                      double idcg, int r, int listLength) {
        CompensatedSums sums = state.sums;
        int base = j * RankingState.METRICS;
        if (hits > 0) {
            sums.add(base + RankingState.HIT, 1.0);
            int precisionDenominator = precisionByListLength ? Math.min(k, listLength) : k;
            sums.add(base + RankingState.PRECISION, (double) hits / precisionDenominator);
            sums.add(base + RankingState.RECALL, (double) hits / r);
            sums.add(base + RankingState.MRR, 1.0 / first);
            sums.add(base + RankingState.NDCG, dcg / idcg);
            sums.add(base + RankingState.MAP, ap / (mapByR ? r : Math.min(r, k)));
        }
        // With no hit every value is 0 and adding 0 changes no sum.
    }

    @Override
    public void merge(RankingState target, RankingState source) {
        target.sums.addAll(source.sums);
        target.users += source.users;
        target.count += source.count;
        target.rejected += source.rejected;
    }

    @Override
    public MetricValue result(RankingState state) {
        MetricValue.Builder b = MetricValue.builder().count(state.count).rejected(state.rejected);
        for (int j = 0; j < ks.length; j++) {
            for (int m = 0; m < RankingState.METRICS; m++) {
                if (state.users == 0) {
                    b.putUndefined(outputNames[j][m]);
                } else {
                    b.put(outputNames[j][m], state.sums.get(j * RankingState.METRICS + m) / state.users);
                }
            }
            b.put(userNames[j], state.users);
        }
        return b.build();
    }

    @Override
    public StateCodec<RankingState> codec() {
        return codec;
    }

    /** Version 1: the cut-offs, users, count, rejected, then the compensated sums. */
    private final class Codec implements StateCodec<RankingState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(RankingState state, DataOutput out) throws IOException {
            out.writeInt(ks.length);
            for (int k : ks) {
                out.writeInt(k);
            }
            out.writeLong(state.users);
            out.writeLong(state.count);
            out.writeLong(state.rejected);
            state.sums.write(out);
        }

        @Override
        public RankingState decode(DataInput in, int version) throws IOException {
            int n = in.readInt();
            int[] stored = new int[Math.max(0, Math.min(n, 100_000))];
            if (n != stored.length) {
                throw new IOException("bad number of cut-offs: " + n);
            }
            for (int i = 0; i < n; i++) {
                stored[i] = in.readInt();
            }
            if (!Arrays.equals(stored, ks)) {
                throw new IOException("state has cut-offs " + Arrays.toString(stored)
                        + " but this metric is configured with k = " + Arrays.toString(ks));
            }
            long users = in.readLong();
            long count = in.readLong();
            long rejected = in.readLong();
            RankingState state = new RankingState(CompensatedSums.read(in, ks.length * RankingState.METRICS));
            state.users = users;
            state.count = count;
            state.rejected = rejected;
            return state;
        }
    }
}
