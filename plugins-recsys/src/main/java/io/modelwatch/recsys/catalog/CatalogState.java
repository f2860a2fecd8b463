package io.modelwatch.recsys.catalog;

import io.modelwatch.recsys.common.CompensatedSums;
import io.modelwatch.recsys.common.RankedCut;

/**
 * The state of {@code recsys.catalog}: per cut-off k, how often each item appeared in the users'
 * top-k lists (exact, up to the metric's item bound), and compensated sums of each user's average
 * popularity and tail share with the number of users behind each.
 *
 * <p>When more distinct items than the bound have been seen, the item counts are replaced by
 * HyperLogLog sketches of the items shown ({@link ItemSketches}) and the state is overflowed for
 * good; overflow depends only on the set of items seen, so merge laws still hold. A state written
 * by codec version 1 that had overflowed has neither counts nor sketches ({@link #lost()}). A
 * scratch buffer for cutting lists also lives here; it is never encoded or merged. Mutable, not
 * thread-safe.
 */
public final class CatalogState {
    /** Exact counts; empty once overflowed. */
    ItemCounts items;
    boolean overflowed;
    /** The sketches that replace the counts once overflowed; null before, and in a lost state. */
    ItemSketches sketches;
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

    /** Replaces the exact counts by {@code sketches}, which must already hold every counted item. */
    void overflow(ItemSketches sketches) {
        overflowed = true;
        this.sketches = sketches;
        items = new ItemCounts(popularityUsers.length);
    }

    /** Drops the counts without sketches: only for states of codec version 1 that had overflowed. */
    void lose() {
        overflowed = true;
        sketches = null;
        items = new ItemCounts(popularityUsers.length);
    }

    /** Returns whether the state overflowed without sketches (codec version 1): distinct counts are unknown. */
    boolean lost() {
        return overflowed && sketches == null;
    }
}
