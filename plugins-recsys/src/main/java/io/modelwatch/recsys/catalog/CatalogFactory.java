package io.modelwatch.recsys.catalog;

import io.modelwatch.api.InputKind;
import io.modelwatch.api.InputSpec;
import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MetricSpec;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.api.ParamType;
import io.modelwatch.recsys.common.Duplicates;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The factory of {@code recsys.catalog}: what the recommender shows, without labels — coverage of
 * the catalog, concentration (Gini), popularity bias and long-tail share of the top-k lists.
 *
 * <p>Needs {@code catalog_size} or {@code item_popularity} for coverage and the catalog Gini, and
 * {@code item_popularity} for average popularity and tail share; outputs that cannot be computed
 * are undefined (null). Without {@code item_popularity}, popularity is counted from the monitor's
 * baseline instead, and average popularity and tail share against it are drift statistics
 * ({@link CatalogDrift}). Immutable and thread-safe.
 */
public final class CatalogFactory implements MetricFactory {
    /** The metric type. */
    public static final String TYPE = "recsys.catalog";
    /** The default bound of exactly counted distinct items per state. */
    public static final long DEFAULT_MAX_ITEMS = 100_000;
    /** The default log2 of the HyperLogLog sketches' number of registers beyond the bound. */
    public static final long DEFAULT_HLL_LG_K = 12;
    /** The default log2 of the frequent-items sketches' map size beyond the bound (ε = 3.5 / 2048). */
    public static final long DEFAULT_FREQUENT_ITEMS_LG_MAP_SIZE = 11;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Catalog coverage, Gini concentration, average popularity, long-tail share and distinct items of the top-k lists.";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                InputSpec.required("recommended", InputKind.IDS, "The recommended item ids, best first."),
                InputSpec.optional("scores", InputKind.NUMBERS,
                        "One score per recommended item; when given, the rank order is score descending, ties by ascending item id."));
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.optional("k", ParamType.INTEGER_LIST, List.of(10L), "The cut-offs to report."),
                ParamSpec.optional("catalog_size", ParamType.INTEGER, null,
                        "Number of items in the catalog, for coverage and the catalog Gini; without it the popularity file's items are the catalog."),
                ParamSpec.optional("item_popularity", ParamType.PATH, null,
                        "CSV file of item,count (training interactions per item), for average popularity, tail share and coverage; without it popularity is counted from the baseline, and drift reports avg_popularity@k, baseline_avg_popularity@k, popularity_error@k and tail_share@k against it."),
                ParamSpec.optional("tail_ratio", ParamType.NUMBER, 0.1,
                        "Share of the least popular items of the popularity file (without it, of the items the baseline showed) that forms the long tail, in (0, 1]."),
                ParamSpec.choice("unknown_popularity", "zero", List.of("zero", "skip"),
                        "Items missing from the popularity file count as popularity 0 (RecBole) or are left out of the mean (Evidently)."),
                ParamSpec.choice("per_user_denominator", "list_length", List.of("list_length", "k"),
                        "A user's average popularity and tail share divide by the items in the top k (list_length) or by k (RecBole's literal formula)."),
                ParamSpec.choice("duplicates", "dedup", Duplicates.CHOICES,
                        "Repeated items in a list: drop later repeats then cut (dedup), or count every position of the top k (raw; first_occurrence counts the same)."),
                ParamSpec.optional("max_items", ParamType.INTEGER, DEFAULT_MAX_ITEMS,
                        "Distinct items counted exactly per state (roughly 100 bytes each); beyond it coverage and distinct items are HyperLogLog estimates and the Gini indices undefined."),
                ParamSpec.optional("hll_lg_k", ParamType.INTEGER, DEFAULT_HLL_LG_K,
                        "log2 of the registers of each HyperLogLog sketch used beyond max_items, from 4 to 21: relative standard error about 1.04 / sqrt(2^hll_lg_k), 1.6% at 12."),
                ParamSpec.optional("frequent_items_lg_map_size", ParamType.INTEGER, DEFAULT_FREQUENT_ITEMS_LG_MAP_SIZE,
                        "Without item_popularity: log2 of the map size of each frequent-items sketch used beyond max_items, from 3 to 24; every item's count is then within epsilon * N, epsilon = 3.5 / 2^n (0.17% at 11), N the appearances counted."));
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(
                new OutputSpec("coverage@k", "Share of the catalog that appeared in at least one top-k list (an estimate beyond max_items).").within(0, 1),
                new OutputSpec("gini@k", "Gini index of how often each catalog item appeared, never-shown items counted as 0 (RecBole).").within(0, 1),
                new OutputSpec("gini_recommended@k", "Gini index over the shown items only (Evidently); undefined for fewer than 2 items.").within(0, 1),
                new OutputSpec("avg_popularity@k", "Mean over users of the average training count of their top-k items.").within(0, Double.POSITIVE_INFINITY),
                new OutputSpec("tail_share@k", "Mean over users of the share of their top-k items in the long tail.").within(0, 1),
                OutputSpec.descriptive("distinct_items@k", "Number of distinct items shown in the top k (an estimate beyond max_items)."));
    }

    @Override
    public Metric<?> create(MetricSpec spec) {
        List<Long> requested = spec.integers("k");
        if (requested.isEmpty()) {
            throw new IllegalArgumentException(TYPE + ": k needs at least one cut-off, for example k: [5, 10]");
        }
        TreeSet<Integer> ks = new TreeSet<>();
        for (Long k : requested) {
            if (k == null || k < 1 || k > 10_000) {
                throw new IllegalArgumentException(TYPE + ": each k must be from 1 to 10000, not " + k);
            }
            ks.add(k.intValue());
        }
        long catalogSize = spec.has("catalog_size") ? spec.integer("catalog_size") : 0;
        if (spec.has("catalog_size") && catalogSize < 1) {
            throw new IllegalArgumentException(TYPE + ": catalog_size must be at least 1, not " + catalogSize);
        }
        double tailRatio = spec.number("tail_ratio");
        if (!(tailRatio > 0 && tailRatio <= 1)) {
            throw new IllegalArgumentException(TYPE + ": tail_ratio must be in (0, 1], not " + tailRatio);
        }
        Path file = spec.has("item_popularity") ? spec.path("item_popularity") : null;
        ItemPopularity popularity = file == null ? null : ItemPopularity.read(file, tailRatio);
        long maxItems = spec.integer("max_items");
        if (maxItems < 1 || maxItems > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(TYPE + ": max_items must be from 1 to " + (Integer.MAX_VALUE - 8)
                    + ", not " + maxItems);
        }
        long lgK = spec.integer("hll_lg_k");
        if (lgK < 4 || lgK > 21) {
            throw new IllegalArgumentException(TYPE + ": hll_lg_k must be from 4 to 21, not " + lgK);
        }
        long lgMapSize = spec.integer("frequent_items_lg_map_size");
        if (lgMapSize < 3 || lgMapSize > 24) {
            throw new IllegalArgumentException(TYPE + ": frequent_items_lg_map_size must be from 3 to 24, not " + lgMapSize);
        }
        return new CatalogMetric(
                spec.input("recommended"),
                spec.input("scores"),
                ks.stream().mapToInt(Integer::intValue).toArray(),
                catalogSize,
                popularity,
                "zero".equals(spec.string("unknown_popularity")),
                "k".equals(spec.string("per_user_denominator")),
                Duplicates.of(spec.string("duplicates")),
                (int) maxItems,
                (int) lgK,
                tailRatio,
                (int) lgMapSize);
    }
}
