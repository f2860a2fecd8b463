package io.modelwatch.recsys.catalog;

import io.modelwatch.api.MetricValue;
import io.modelwatch.recsys.common.CompensatedSums;
import io.modelwatch.recsys.common.ItemIdOrder;
import java.util.Arrays;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.LongsSketch;

/**
 * The drift statistics of {@code recsys.catalog}: what the current window shows, measured against
 * what the baseline showed. Stateless, immutable and thread-safe; neither state is changed.
 *
 * <p>Without a popularity file, an item's popularity at cut-off k is the number of times it
 * appeared in the baseline's top-k lists, and the popularity table is every item the baseline
 * showed at k. With it, at each k:
 * <ul>
 *   <li>{@code avg_popularity@k}: the mean over the window's users of the average popularity of
 *       their top-k items, as the output of the same name with a file under
 *       {@code unknown_popularity: zero} (an item the baseline never showed counts 0) and the
 *       configured {@code per_user_denominator};</li>
 *   <li>{@code baseline_avg_popularity@k}: the same for the baseline's own users. Their own
 *       appearances are in the counts, so with distinct items per list it is about 1 higher than
 *       a window drawn like the baseline would give;</li>
 *   <li>{@code popularity_error@k}: a bound on the error of both, 0 while both states count
 *       items exactly (see below);</li>
 *   <li>{@code tail_share@k}: the mean share of a user's top-k items in the long tail, the least
 *       popular {@code tail_ratio} of the baseline's items (ties by item id). The baseline's own
 *       share is not reported: its tail is chosen as what it showed least, so that share would be
 *       biased low against any other window.</li>
 * </ul>
 * With or without a file, {@code exposure_total_variation@k} is the total variation distance
 * between the share of appearances each item had in the window's top-k lists and in the
 * baseline's: ½ Σ |c_i / C − b_i / B|, from 0 (the same mix of items) to 1 (no item in common).
 *
 * <p>A user's items are weighted by 1 / n, n being the items in the user's top k (or k itself
 * under {@code per_user_denominator: k}); summed per item over users, this weight W_i makes the
 * mean over the U users with a non-empty list Σ W_i p_i / U. Beyond the exact bound a state has
 * frequent-items sketches instead of counts ({@link ItemFrequencies}), whose every estimate is
 * within E (the sketch's maximum error, at most ε·N) of the true count. Then W_i is the estimated
 * count ĉ_i / k, which is only right when every user has k items: under
 * {@code per_user_denominator: list_length} a sketched state with a list shorter than k gives
 * undefined averages at that k. With estimates p̂ (error E_b, baseline total N_b) and ĉ (error
 * E_c), |Σ Ŵ_i p̂_i − Σ W_i p_i| ≤ E_b Σ Ŵ_i + E_c N_b / k, which divided by U is
 * {@code popularity_error@k}: E_b when only the baseline is sketched. The tail set needs every
 * count and the total variation every share, so {@code tail_share} and
 * {@code exposure_total_variation} are undefined once either state they read is sketched.
 * Everything is undefined when the baseline showed nothing at k or a state has no user to average
 * over, and the averages when a state of an older codec lacks the list lengths they need.
 */
final class CatalogDrift {
    private static final String[] POPULARITY_OUTPUTS = {
        "avg_popularity", "baseline_avg_popularity", "popularity_error", "tail_share"};
    private static final String EXPOSURE_OUTPUT = "exposure_total_variation";

    private final int[] ks;
    private final boolean byK;
    private final boolean countPopularity;
    private final double tailRatio;
    private final String[][] names;

    /**
     * @param ks the ascending cut-offs
     * @param byK whether a user's average divides by k rather than by the items in the top k
     * @param countPopularity whether popularity is counted from the baseline (no popularity file)
     * @param tailRatio the share of the baseline's least popular items that forms the tail
     */
    CatalogDrift(int[] ks, boolean byK, boolean countPopularity, double tailRatio) {
        this.ks = ks.clone();
        this.byK = byK;
        this.countPopularity = countPopularity;
        this.tailRatio = tailRatio;
        this.names = new String[ks.length][POPULARITY_OUTPUTS.length + 1];
        for (int j = 0; j < ks.length; j++) {
            for (int m = 0; m < POPULARITY_OUTPUTS.length; m++) {
                names[j][m] = POPULARITY_OUTPUTS[m] + "@" + ks[j];
            }
            names[j][POPULARITY_OUTPUTS.length] = EXPOSURE_OUTPUT + "@" + ks[j];
        }
    }

    MetricValue drift(CatalogState current, CatalogState baseline) {
        MetricValue.Builder b = MetricValue.builder().count(current.count).rejected(current.rejected);
        for (int j = 0; j < ks.length; j++) {
            String[] n = names[j];
            if (countPopularity) {
                Popularity p = popularity(baseline, j);
                LongsSketch currentSketch = current.overflowed && current.frequencies != null
                        ? current.frequencies.atCutoff(j) : null;
                double[] now = p == null ? null : average(current, currentSketch, j, p);
                double[] before = p == null ? null : average(baseline, p.sketch, j, p);
                b.put(n[0], now == null ? Double.NaN : now[0]);
                b.put(n[1], before == null ? Double.NaN : before[0]);
                b.put(n[2], now == null && before == null ? Double.NaN
                        : Math.max(now == null ? 0 : now[1], before == null ? 0 : before[1]));
                boolean[] tail = p == null || p.exact == null ? null : tail(p.exact, j);
                b.put(n[3], tail == null ? Double.NaN : tailShare(current, j, p.exact, tail));
            }
            b.put(n[POPULARITY_OUTPUTS.length], totalVariation(current, baseline, j));
        }
        return b.build();
    }

    /** The baseline's popularity at one cut-off: exact counts, or a frequent-items sketch. */
    private record Popularity(ItemCounts exact, LongsSketch sketch, int j, long total, long error) {
        double of(String item, long hash) {
            if (exact != null) {
                int slot = exact.find(item);
                return slot < 0 ? 0 : exact.countAt(slot, j);
            }
            return sketch.getEstimate(hash);
        }
    }

    /** Returns the baseline's popularity at cut-off index {@code j}, or null when it showed nothing or lost its counts. */
    private static Popularity popularity(CatalogState baseline, int j) {
        Popularity p;
        if (!baseline.overflowed) {
            long total = 0;
            ItemCounts items = baseline.items;
            for (int slot = 0; slot < items.capacity(); slot++) {
                if (items.key(slot) != null) {
                    total += items.countAt(slot, j);
                }
            }
            p = new Popularity(items, null, j, total, 0);
        } else if (baseline.frequencies != null) {
            LongsSketch sketch = baseline.frequencies.atCutoff(j);
            p = new Popularity(null, sketch, j, sketch.getStreamLength(), sketch.getMaximumError());
        } else {
            return null;
        }
        return p.total() > 0 ? p : null;
    }

    /** Returns the users a state's averages are over: those with a non-empty list, or all under /k. */
    private long users(CatalogState s) {
        return byK ? s.count : s.count - s.emptyLists;
    }

    /** Returns whether a state's item weights at cut-off index {@code j} are known. */
    private boolean weightsKnown(CatalogState s, int j) {
        if (byK) {
            return !s.overflowed || s.frequencies != null;
        }
        if (!s.lengthsKnown) {
            return false;
        }
        return !s.overflowed || s.frequencies != null && s.shortListsAt(j) == 0;
    }

    /**
     * Returns {mean over the state's users of their average popularity, its error bound}, or null
     * when undefined. {@code sketch} is the state's frequent-items sketch at {@code j} when it is
     * overflowed.
     */
    private double[] average(CatalogState s, LongsSketch sketch, int j, Popularity p) {
        long users = users(s);
        if (users <= 0 || !weightsKnown(s, j)) {
            return null;
        }
        int k = ks[j];
        CompensatedSums sum = new CompensatedSums(2); // 0: Σ W_i p_i, 1: Σ W_i
        long currentError = 0;
        if (!s.overflowed) {
            ItemCounts items = s.items;
            for (int slot = 0; slot < items.capacity(); slot++) {
                String item = items.key(slot);
                if (item == null) {
                    continue;
                }
                long c = items.countAt(slot, j);
                if (c == 0) {
                    continue;
                }
                double w = byK ? (double) c / k : items.weightAt(slot, j, k);
                double pop = p.exact() == items ? c : p.of(item, p.exact() != null ? 0 : ItemSketches.hash(item));
                sum.add(0, w * pop);
                sum.add(1, w);
            }
        } else {
            currentError = sketch.getMaximumError();
            LongsSketch.Row[] rows = sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
            if (p.exact() != null) {
                // Items the baseline never showed add 0: sum over the baseline's items.
                ItemCounts items = p.exact();
                for (int slot = 0; slot < items.capacity(); slot++) {
                    String item = items.key(slot);
                    if (item != null) {
                        long b = items.countAt(slot, j);
                        if (b > 0) {
                            sum.add(0, (double) sketch.getEstimate(ItemSketches.hash(item)) / k * b);
                        }
                    }
                }
            } else {
                for (LongsSketch.Row row : rows) {
                    sum.add(0, (double) row.getEstimate() / k * p.sketch().getEstimate(row.getItem()));
                }
            }
            for (LongsSketch.Row row : rows) {
                sum.add(1, (double) row.getEstimate() / k);
            }
        }
        double bound = (p.error() * sum.get(1) + (double) currentError * p.total() / k) / users;
        return new double[] {sum.get(0) / users, bound};
    }

    /**
     * Returns, per slot of {@code baseline}, whether the item is in the long tail at {@code j}: the
     * items shown sorted by (count, item id) ascending, the first max(floor(n · tail_ratio), 1).
     */
    private boolean[] tail(ItemCounts baseline, int j) {
        int n = 0;
        int[] slots = new int[baseline.size()];
        long[] counts = new long[baseline.capacity()];
        for (int slot = 0; slot < baseline.capacity(); slot++) {
            if (baseline.key(slot) != null) {
                counts[slot] = baseline.countAt(slot, j);
                if (counts[slot] > 0) {
                    slots[n++] = slot;
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = slots[i];
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(counts[a], counts[b]);
            return c != 0 ? c : ItemIdOrder.INSTANCE.compare(baseline.key(a), baseline.key(b));
        });
        boolean[] tail = new boolean[baseline.capacity()];
        int size = Math.max((int) Math.floor(n * tailRatio), 1);
        for (int i = 0; i < Math.min(size, n); i++) {
            tail[order[i]] = true;
        }
        return tail;
    }

    /** Returns the mean over the state's users of the share of their top-k items in the tail; NaN when undefined. */
    private double tailShare(CatalogState s, int j, ItemCounts baseline, boolean[] tail) {
        long users = users(s);
        if (s.overflowed || users <= 0 || !weightsKnown(s, j)) {
            return Double.NaN;
        }
        int k = ks[j];
        CompensatedSums sum = new CompensatedSums(1);
        ItemCounts items = s.items;
        for (int slot = 0; slot < items.capacity(); slot++) {
            String item = items.key(slot);
            if (item == null) {
                continue;
            }
            int b = baseline.find(item);
            if (b >= 0 && tail[b]) {
                long c = items.countAt(slot, j);
                if (c > 0) {
                    sum.add(0, byK ? (double) c / k : items.weightAt(slot, j, k));
                }
            }
        }
        return sum.get(0) / users;
    }

    /** Returns ½ Σ |c_i / C − b_i / B| over the items of either state at {@code j}; NaN when undefined. */
    private static double totalVariation(CatalogState current, CatalogState baseline, int j) {
        if (current.overflowed || baseline.overflowed) {
            return Double.NaN;
        }
        ItemCounts a = current.items;
        ItemCounts b = baseline.items;
        long totalA = total(a, j);
        long totalB = total(b, j);
        if (totalA == 0 || totalB == 0) {
            return Double.NaN;
        }
        CompensatedSums sum = new CompensatedSums(1);
        for (int slot = 0; slot < a.capacity(); slot++) {
            String item = a.key(slot);
            if (item != null) {
                int other = b.find(item);
                double y = other < 0 ? 0 : (double) b.countAt(other, j) / totalB;
                sum.add(0, Math.abs((double) a.countAt(slot, j) / totalA - y));
            }
        }
        for (int slot = 0; slot < b.capacity(); slot++) {
            String item = b.key(slot);
            if (item != null && a.find(item) < 0) {
                sum.add(0, (double) b.countAt(slot, j) / totalB);
            }
        }
        return Math.min(1.0, sum.get(0) / 2);
    }

    private static long total(ItemCounts items, int j) {
        long total = 0;
        for (int slot = 0; slot < items.capacity(); slot++) {
            if (items.key(slot) != null) {
                total += items.countAt(slot, j);
            }
        }
        return total;
    }
}
