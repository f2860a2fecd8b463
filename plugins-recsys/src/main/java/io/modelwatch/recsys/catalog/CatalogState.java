package io.modelwatch.recsys.catalog;

import io.modelwatch.recsys.common.CompensatedSums;
import io.modelwatch.recsys.common.RankedCut;

/**
 * The state of {@code recsys.catalog}: per cut-off k, how often each item appeared in the users'
 * top-k lists (exact, up to the metric's item bound), and compensated sums of each user's average
 * popularity and tail share with the number of users behind each.
 *
 * <p>When more distinct items than the bound have been seen, the item counts are dropped and the
 * state is marked overflowed for good (coverage, Gini and distinct items become undefined);
 * overflow depends only on the set of items seen, so merge laws still hold. A scratch buffer for
 * cutting lists also lives here; it is never encoded or merged. Mutable, not thread-safe.
 */
public final class CatalogState {
    ItemCounts items;
    boolean overflowed;
    final CompensatedSums popularitySums;
    final long[] popularityUsers;
    final CompensatedSums tailSums;
    final long[] tailUsers;
    long count;
    long rejected;

    private RankedCut cut;

    CatalogState(int cutoffs) {
        this.items = new ItemCounts(cutoffs);
        this.popularitySums = new CompensatedSums(cutoffs);
        this.popularityUsers = new long[cutoffs];
        this.tailSums = new CompensatedSums(cutoffs);
        this.tailUsers = new long[cutoffs];
    }

    CatalogState(CompensatedSums popularitySums, long[] popularityUsers, CompensatedSums tailSums, long[] tailUsers) {
        this.items = new ItemCounts(popularityUsers.length);
        this.popularitySums = popularitySums;
        this.popularityUsers = popularityUsers;
        this.tailSums = tailSums;
        this.tailUsers = tailUsers;
    }

    RankedCut cut() {
        if (cut == null) {
            cut = new RankedCut();
        }
        return cut;
    }

    void overflow() {
        overflowed = true;
        items = new ItemCounts(popularityUsers.length);
    }
}
