package io.modelwatch.recsys.ranking;

import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import io.modelwatch.recsys.common.Duplicates;
import java.util.List;
import java.util.TreeSet;

/**
 * The factory of {@code recsys.ranking}: top-k accuracy of a ranked list against the items the
 * user engaged with.
 *
 * <p>Definitions follow {@code shared/reference/ranking/README.md}: an item is relevant when its
 * grade is at least 1 (ranx's {@code rel_lvl=1}); the discount is {@code 1/log2(i+1)}; each output
 * is the mean of the per-user values over the evaluated users. Parameters select the conventions
 * where RecBole, ranx and Evidently differ. Immutable and thread-safe.
 */
public final class RankingFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "recsys.ranking";
    /** The largest k accepted, to bound per-record work and scratch memory. */
    public static final int MAX_K = 10_000;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Top-k accuracy of ranked recommendations: hit rate, precision, recall, MRR, NDCG and MAP at each k.";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                InputSpec.required("recommended", InputKind.IDS, "The recommended item ids, best first."),
                InputSpec.required("relevant", InputKind.GRADED_IDS,
                        "The items the user engaged with: a list (grade 1 each) or an object id -> grade; grade >= 1 is relevant."),
                InputSpec.optional("scores", InputKind.NUMBERS,
                        "One score per recommended item; when given, the rank order is score descending, ties by ascending item id."));
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.optional("k", ParamType.INTEGER_LIST, List.of(10L),
                        "The cut-offs to report, each from 1 to " + MAX_K + "."),
                ParamSpec.choice("users_without_relevant", "skip", List.of("skip", "zero"),
                        "Users with no relevant item: skip them (RecBole, Evidently) or score them 0 (ranx)."),
                ParamSpec.choice("map_denominator", "min_r_k", List.of("min_r_k", "r"),
                        "MAP divides the sum of precisions by min(R, k) (RecBole) or by R, the user's relevant count (ranx, Evidently)."),
                ParamSpec.choice("ndcg_gain", "linear", List.of("linear", "exponential", "binary"),
                        "NDCG gain of a grade g: g (ranx ndcg, Evidently), 2^g - 1 (ranx ndcg_burges), or 1 for any relevant item (RecBole)."),
                ParamSpec.choice("precision_denominator", "k", List.of("k", "list_length"),
                        "Precision divides the hits by k even for a shorter list (RecBole, ranx) or by min(k, list length) (Evidently)."),
                ParamSpec.choice("duplicates", "dedup", Duplicates.CHOICES,
                        "Repeated items in a list: drop later repeats then cut (dedup), cut then score repeats 0 (first_occurrence), or judge every position (raw)."));
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("hit_rate@k", "Share of users with at least one relevant item in the top k.").within(0, 1),
                new OutputSpec("precision@k", "Mean share of the top k that is relevant.").within(0, 1),
                new OutputSpec("recall@k", "Mean share of the user's relevant items found in the top k.").within(0, 1),
                new OutputSpec("mrr@k", "Mean reciprocal rank of the first relevant item (0 when none is in the top k).").within(0, 1),
                new OutputSpec("ndcg@k", "Mean normalised discounted cumulative gain, with the gain chosen by ndcg_gain.").within(0, 1),
                new OutputSpec("map@k", "Mean average precision, normalised as map_denominator says.").within(0, 1),
                OutputSpec.descriptive("users@k", "How many users the means are over."));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        List<Long> requested = spec.integers("k");
        if (requested.isEmpty()) {
            throw new IllegalArgumentException(TYPE + ": k needs at least one cut-off, for example k: [5, 10]");
        }
        TreeSet<Integer> ks = new TreeSet<>();
        for (Long k : requested) {
            if (k == null || k < 1 || k > MAX_K) {
                throw new IllegalArgumentException(TYPE + ": each k must be from 1 to " + MAX_K + ", not " + k);
            }
            ks.add(k.intValue());
        }
        int[] cutoffs = ks.stream().mapToInt(Integer::intValue).toArray();
        return new RankingMetric(
                spec.input("recommended"),
                spec.input("relevant"),
                spec.input("scores"),
                cutoffs,
                "zero".equals(spec.string("users_without_relevant")),
                "r".equals(spec.string("map_denominator")),
                RankingMetric.Gain.of(spec.string("ndcg_gain")),
                "list_length".equals(spec.string("precision_denominator")),
                Duplicates.of(spec.string("duplicates")));
    }
}
