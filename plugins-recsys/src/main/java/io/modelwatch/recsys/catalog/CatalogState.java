package io.modelwatch.recsys.catalog;

import io.modelwatch.recsys.common.CompensatedSums;
import io.modelwatch.recsys.common.RankedCut;

/**
 * The state of {@code recsys.catalog}: per cut-off k, how often each item appeared in the users'
 * top-k lists (exact, up to the metric's item bound), and compensated sums of each user's average
 * popularity and tail share with the number of users behind each.
 *
 * <p>It also counts the users whose top-k list was empty and, per band, those whose list was
 * shorter than the band's cut-off, which popularity counted from the baseline needs to weight each
 * user's items by 1 / (items in the top k). States of codec versions 1 and 2 did not count them
 * ({@link #lengthsKnown} is false).
 *
 * <p>When more distinct items than the bound have been seen, the item counts are replaced by
 * HyperLogLog sketches of the items shown ({@link ItemSketches}) and, without a popularity file,
 * frequent-items sketches of how often each was shown ({@link ItemFrequencies}); the state is then
 * overflowed for good. Overflow depends only on the set of items seen, so merge laws still hold. A
 * state written by codec version 1 that had overflowed has neither counts nor sketches
 * ({@link #lost()}); one written by version 2 has no frequent-items sketches. A scratch buffer for
 * cutting lists also lives here; it is never encoded or merged. Mutable, not thread-safe.
 */
public final class CatalogState {
    /** Exact counts; empty once overflowed. */
    ItemCounts items;
    boolean overflowed;
    /** The sketches that replace the counts once overflowed; null before, and in a lost state. */
    ItemSketches sketches;
    /**
     * The frequent-items sketches that replace the counts once overflowed without a popularity
     * file; null before, with a popularity file, and when a merged or decoded state had none.
     */
    ItemFrequencies frequencies;
    /** Users whose top-k list was empty. */
    long emptyLists;
    /** Per band j: users whose list had at least one item but fewer than k<sub>j</sub>, counted in the first such band. */
    final long[] shortLists;
    /** Whether {@link #emptyLists}, {@link #shortLists} and the items' short-list weights cover every user. */
    boolean lengthsKnown = true;
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
        this.shortLists = new long[cutoffs];
    }

    CatalogState(CompensatedSums popularitySums, long[] popularityUsers, CompensatedSums tailSums, long[] tailUsers) {
        this.items = new ItemCounts(popularityUsers.length);
        this.popularitySums = popularitySums;
        this.popularityUsers = popularityUsers;
        this.tailSums = tailSums;
        this.tailUsers = tailUsers;
        this.shortLists = new long[popularityUsers.length];
    }

    RankedCut cut() {
        if (cut == null) {
            cut = new RankedCut();
        }
        return cut;
    }

    /**
     * Replaces the exact counts by {@code sketches} and {@code frequencies} (null when not kept),
     * which must already hold every counted item.
     */
    void overflow(ItemSketches sketches, ItemFrequencies frequencies) {
        overflowed = true;
        this.sketches = sketches;
        this.frequencies = frequencies;
        items = new ItemCounts(popularityUsers.length);
    }

    /** Drops the counts without sketches: only for states of codec version 1 that had overflowed. */
    void lose() {
        overflowed = true;
        sketches = null;
        frequencies = null;
        items = new ItemCounts(popularityUsers.length);
    }

    /** Returns the users with a list shorter than k at cut-off index {@code j}: bands 0..j summed. */
    long shortListsAt(int j) {
        long n = 0;
        for (int b = 0; b <= j; b++) {
            n += shortLists[b];
        }
        return n;
    }

    /** Returns whether the state overflowed without sketches (codec version 1): distinct counts are unknown. */
    boolean lost() {
        return overflowed && sketches == null;
    }
}
