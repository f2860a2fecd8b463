package io.modelwatch.recsys.catalog;

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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code recsys.catalog}: coverage, Gini index, average popularity, tail share and distinct items
 * of the users' top-k lists, at each configured k (definitions in
 * {@code shared/reference/ranking/README.md}).
 *
 * <p>The catalog is {@code catalog_size} items when given (RecBole's {@code ItemCoverage} and
 * {@code GiniIndex}), or else the items of the popularity file, counting only recommended items
 * that have an entry (Evidently's coverage against the training items). Item counts are exact up
 * to {@code max_items} distinct items; beyond that a state keeps HyperLogLog sketches of the items
 * shown instead ({@link ItemSketches}): coverage and distinct items become estimates and both Gini
 * indices, which need every item's count, are undefined. Average popularity and tail share are
 * exact at any size. A record is rejected when {@code recommended} is missing, an id in the judged
 * positions is null, or the scores are not one finite number per item.
 *
 * <p>Without a popularity file, popularity is counted from the baseline: {@link #drift} reports
 * average popularity and tail share against the baseline's counts ({@link CatalogDrift}). For that
 * a state also weights the items of lists shorter than k ({@link ItemCounts}) and, beyond the
 * bound, keeps frequent-items sketches of how often each item was shown ({@link ItemFrequencies}).
 * Immutable and thread-safe.
 */
final class CatalogMetric implements Metric<CatalogState> {
    private final FieldRef recommended;
    private final FieldRef scores;
    private final int[] ks;
    private final int maxK;
    /** firstCutoff[i] = the index of the smallest k greater than position i (0-based). */
    private final int[] firstCutoff;
    private final long catalogSize;
    private final ItemPopularity popularity;
    private final boolean unknownAsZero;
    private final boolean byK;
    private final Duplicates duplicates;
    private final int maxItems;
    private final int lgK;
    /** log2 of the frequent-items sketches' map size beyond the bound. */
    private final int lgMapSize;
    /** Whether popularity is counted from the baseline (no popularity file): item weights and frequent-items sketches are kept. */
    private final boolean countPopularity;
    /** Whether short lists' items are weighted apart: popularity counted from the baseline, divided by the list length. */
    private final boolean weighShortLists;
    /** Whether the catalog is the popularity file's items, so sketches also track the shown items in it. */
    private final boolean catalogIsPopularityFile;
    private final String[][] names;
    private final Codec codec = new Codec();
    private final CatalogDrift drift;

    private static final String[] OUTPUTS = {
        "coverage", "gini", "gini_recommended", "avg_popularity", "tail_share", "distinct_items"};

    CatalogMetric(FieldRef recommended, FieldRef scores, int[] ks, long catalogSize, ItemPopularity popularity,
                  boolean unknownAsZero, boolean byK, Duplicates duplicates, int maxItems, int lgK,
                  double tailRatio, int lgMapSize) {
        this.recommended = requireNonNull(recommended, "recommended is null");
        this.scores = requireNonNull(scores, "scores is null");
        this.ks = ks.clone();
        this.maxK = this.ks[this.ks.length - 1];
        this.firstCutoff = new int[maxK];
        int j = 0;
        for (int i = 0; i < maxK; i++) {
            while (this.ks[j] <= i) {
                j++;
            }
            firstCutoff[i] = j;
        }
        this.catalogSize = catalogSize;
        this.popularity = popularity;
        this.unknownAsZero = unknownAsZero;
        this.byK = byK;
        this.duplicates = requireNonNull(duplicates, "duplicates is null");
        this.maxItems = maxItems;
        this.lgK = lgK;
        this.lgMapSize = lgMapSize;
        this.countPopularity = popularity == null;
        this.weighShortLists = countPopularity && !byK;
        this.catalogIsPopularityFile = catalogSize == 0 && popularity != null;
        this.names = new String[this.ks.length][OUTPUTS.length];
        for (int c = 0; c < this.ks.length; c++) {
            for (int m = 0; m < OUTPUTS.length; m++) {
                names[c][m] = OUTPUTS[m] + "@" + this.ks[c];
            }
        }
        this.drift = new CatalogDrift(this.ks, byK, countPopularity, tailRatio);
    }

    @Override
    public CatalogState newState() {
        return new CatalogState(ks.length);
    }

    @Override
    public void add(CatalogState state, Observation o) {
        List<String> rec = o.ids(recommended);
        if (rec == null) {
            state.rejected++;
            return;
        }
        RankedCut cut = state.cut();
        if (!cut.cut(rec, o.numbers(scores), maxK, duplicates)) {
            state.rejected++;
            return;
        }
        state.count++;
        int len = cut.length();
        // A list shorter than the largest k is short at every cut-off beyond its length, which
        // starts at band firstCutoff[len].
        int shortBand = -1;
        if (len == 0) {
            state.emptyLists++;
        } else if (len < maxK) {
            shortBand = firstCutoff[len];
            state.shortLists[shortBand]++;
        }
        boolean weighShort = shortBand >= 0 && weighShortLists;
        double shortWeight = weighShort ? 1.0 / len : 0.0;
        // Under first_occurrence every position of the cut counts, as under raw: the catalog
        // measures what was shown, and the reference's first_occurrence catalog values equal raw.
        int i = 0;
        if (!state.overflowed) {
            ItemCounts items = state.items;
            for (; i < len; i++) {
                int slot = items.slotOf(cut.item(i), maxItems);
                if (slot < 0) {
                    state.overflow(sketchesOf(items), frequenciesOf(items));
                    break;
                }
                items.increment(slot, firstCutoff[i]);
                if (weighShort) {
                    items.addShort(slot, shortBand, 1, shortWeight);
                }
            }
        }
        if (state.sketches != null) {
            for (; i < len; i++) {
                String item = cut.item(i);
                long hash = ItemSketches.hash(item);
                state.sketches.add(hash, firstCutoff[i], inCatalog(item));
                if (state.frequencies != null) {
                    state.frequencies.add(hash, firstCutoff[i], 1);
                }
            }
        }
        if (popularity == null) {
            return;
        }
        double popSum = 0.0;
        int known = 0;
        int tail = 0;
        int j = 0;
        for (int pos = 1; pos <= len; pos++) {
            int idx = popularity.indexOf(cut.item(pos - 1));
            if (idx >= 0) {
                double p = popularity.count(idx);
                popSum += p;
                known++;
                if (popularity.inTail(idx)) {
                    tail++;
                }
            }
            if (pos == ks[j]) {
                emit(state, j, pos, pos, popSum, known, tail);
                j++;
            }
        }
        // Cut-offs beyond the list see the whole list.
        for (; j < ks.length; j++) {
            emit(state, j, ks[j], len, popSum, known, tail);
        }
    }

    private boolean inCatalog(String item) {
        return catalogIsPopularityFile && popularity.indexOf(item) >= 0;
    }

    /** Returns new sketches holding every item of {@code items} in each band where it has appearances. */
    private ItemSketches sketchesOf(ItemCounts items) {
        ItemSketches sketches = new ItemSketches(ks.length, lgK, catalogIsPopularityFile);
        addTo(sketches, null, items);
        return sketches;
    }

    /** Returns new frequent-items sketches of the counts in {@code items}, or null with a popularity file. */
    private ItemFrequencies frequenciesOf(ItemCounts items) {
        if (!countPopularity) {
            return null;
        }
        ItemFrequencies frequencies = new ItemFrequencies(ks.length, lgMapSize);
        addTo(null, frequencies, items);
        return frequencies;
    }

    /** Adds every item of {@code items} to the sketches that are not null. */
    private void addTo(ItemSketches sketches, ItemFrequencies frequencies, ItemCounts items) {
        for (int slot = 0; slot < items.capacity(); slot++) {
            String item = items.key(slot);
            if (item == null) {
                continue;
            }
            long hash = ItemSketches.hash(item);
            boolean isInCatalog = inCatalog(item);
            for (int b = 0; b < ks.length; b++) {
                long n = items.band(slot, b);
                if (n > 0) {
                    if (sketches != null) {
                        sketches.add(hash, b, isInCatalog);
                    }
                    if (frequencies != null) {
                        frequencies.add(hash, b, n);
                    }
                }
            }
        }
    }

    private void emit(CatalogState state, int j, int k, int n, double popSum, int known, int tail) {
        // Items without a popularity entry add 0 to popSum: they count as popularity 0 (RecBole)
        // or are left out of the denominator (Evidently's known-only mean).
        if (unknownAsZero) {
            int den = byK ? k : n;
            if (den > 0) {
                state.popularitySums.add(j, popSum / den);
                state.popularityUsers[j]++;
            }
        } else if (known > 0) {
            state.popularitySums.add(j, popSum / (byK ? k : known));
            state.popularityUsers[j]++;
        }
        int den = byK ? k : n;
        if (den > 0) {
            state.tailSums.add(j, (double) tail / den);
            state.tailUsers[j]++;
        }
    }

    @Override
    public void merge(CatalogState target, CatalogState source) {
        target.count += source.count;
        target.rejected += source.rejected;
        target.popularitySums.addAll(source.popularitySums);
        target.tailSums.addAll(source.tailSums);
        for (int j = 0; j < ks.length; j++) {
            target.popularityUsers[j] += source.popularityUsers[j];
            target.tailUsers[j] += source.tailUsers[j];
            target.shortLists[j] += source.shortLists[j];
        }
        target.emptyLists += source.emptyLists;
        target.lengthsKnown &= source.lengthsKnown;
        if (target.lost()) {
            return;
        }
        if (source.lost()) {
            target.lose();
            return;
        }
        if (!target.overflowed && (source.overflowed
                || target.items.size() + target.items.missingFrom(source.items) > maxItems)) {
            target.overflow(sketchesOf(target.items), frequenciesOf(target.items));
        }
        if (!target.overflowed) {
            target.items.addAll(source.items, maxItems);
        } else if (source.overflowed) {
            target.sketches.addAll(source.sketches);
            if (target.frequencies != null && source.frequencies != null) {
                target.frequencies.addAll(source.frequencies);
            } else {
                target.frequencies = null; // a state of codec version 2 had none: the counts are incomplete
            }
        } else {
            addTo(target.sketches, target.frequencies, source.items);
        }
    }

    /**
     * Returns, at each k, the popularity-based outputs of {@code current} against item popularity
     * counted in {@code baseline} (without a popularity file), and how far the exposure of items
     * moved (see {@link CatalogDrift}).
     */
    @Override
    public MetricValue drift(CatalogState current, CatalogState baseline) {
        return drift.drift(current, baseline);
    }

    @Override
    public MetricValue result(CatalogState state) {
        MetricValue.Builder b = MetricValue.builder().count(state.count).rejected(state.rejected);
        long catalog = catalogSize > 0 ? catalogSize : popularity != null ? popularity.size() : 0;
        long[] all = new long[state.items.size()];
        long[] inCatalog = new long[state.items.size()];
        for (int j = 0; j < ks.length; j++) {
            int m = 0;
            int mc = 0;
            ItemCounts items = state.items;
            for (int slot = 0; slot < items.capacity(); slot++) {
                String item = items.key(slot);
                if (item == null) {
                    continue;
                }
                long c = items.countAt(slot, j);
                if (c > 0) {
                    all[m++] = c;
                    if (catalogSize > 0 || popularity != null && popularity.indexOf(item) >= 0) {
                        inCatalog[mc++] = c;
                    }
                }
            }
            String[] n = names[j];
            // Coverage and distinct items of an empty population are 0 (nothing was shown), as in the
            // reference, rather than undefined; the Gini index is then undefined (0/0).
            boolean catalogKnown = !state.overflowed && catalog > 0 && mc <= catalog;
            if (state.sketches != null) {
                double distinct = state.sketches.distinct(j);
                double shownInCatalog = catalogIsPopularityFile ? state.sketches.distinctInCatalog(j) : distinct;
                // An estimate can exceed the catalog by its error; coverage is capped at 1.
                b.put(n[0], catalog > 0 ? Math.min(shownInCatalog, catalog) / catalog : Double.NaN);
                b.putUndefined(n[1]);
            } else if (catalogKnown) {
                b.put(n[0], (double) mc / catalog);
                b.put(n[1], gini(inCatalog, mc, catalog));
            } else {
                b.putUndefined(n[0]);
                b.putUndefined(n[1]);
            }
            if (!state.overflowed && m > 1) {
                b.put(n[2], gini(all, m, m) * m / (m - 1));
            } else {
                b.putUndefined(n[2]);
            }
            b.put(n[3], state.popularityUsers[j] == 0 ? Double.NaN
                    : state.popularitySums.get(j) / state.popularityUsers[j]);
            b.put(n[4], state.tailUsers[j] == 0 ? Double.NaN : state.tailSums.get(j) / state.tailUsers[j]);
            if (state.sketches != null) {
                b.put(n[5], state.sketches.distinct(j));
            } else if (state.overflowed) {
                b.putUndefined(n[5]);
            } else {
                b.put(n[5], m);
            }
        }
        return b.build();
    }

    /**
     * Gini index of the counts {@code c[0..m)} among {@code n >= m} items (the other n - m count 0):
     * sorted ascending, sum over j of (2j - n - 1) c_j / (n * sum c). NaN when every count is 0.
     */
    private static double gini(long[] c, int m, long n) {
        Arrays.sort(c, 0, m);
        double total = 0.0;
        double sum = 0.0;
        double compensation = 0.0;
        for (int t = 0; t < m; t++) {
            double rank = n - m + t + 1;
            double x = (2.0 * rank - n - 1.0) * c[t];
            double s = sum + x;
            compensation += Math.abs(sum) >= Math.abs(x) ? (sum - s) + x : (x - s) + sum;
            sum = s;
            total += c[t];
        }
        return (sum + compensation) / (n * total);
    }

    @Override
    public StateCodec<CatalogState> codec() {
        return codec;
    }

    /**
     * Version 3: the cut-offs, count, rejected, the popularity and tail sums with their user
     * counts, the users with an empty list and per band those with a short list, whether those
     * counts cover every user, the overflow flag, then either (not overflowed) the number of items,
     * whether short-list weights follow, and the items sorted by id, each as UTF-8 bytes, its band
     * counts (band j: appearances at positions from k[j-1] to k[j] - 1) and, if they follow, its
     * short-list count and weight per band; or (overflowed) whether HyperLogLog sketches follow and
     * the {@link ItemSketches}, then whether frequent-items sketches follow and the
     * {@link ItemFrequencies}.
     *
     * <p>Version 2 had no list-length counts, short-list weights or frequent-items sketches: its
     * states decode with {@link CatalogState#lengthsKnown} false and, once overflowed, without
     * frequent-items sketches. Version 1 also always wrote the number of items (0 once overflowed)
     * and had no sketches; an overflowed version-1 state decodes as lost (its distinct counts stay
     * undefined).
     */
    private final class Codec implements StateCodec<CatalogState> {
        @Override
        public int version() {
            return 3;
        }

        @Override
        public void encode(CatalogState state, DataOutput out) throws IOException {
            out.writeInt(ks.length);
            for (int k : ks) {
                out.writeInt(k);
            }
            out.writeLong(state.count);
            out.writeLong(state.rejected);
            state.popularitySums.write(out);
            state.tailSums.write(out);
            for (int j = 0; j < ks.length; j++) {
                out.writeLong(state.popularityUsers[j]);
                out.writeLong(state.tailUsers[j]);
            }
            out.writeLong(state.emptyLists);
            for (int j = 0; j < ks.length; j++) {
                out.writeLong(state.shortLists[j]);
            }
            out.writeBoolean(state.lengthsKnown);
            out.writeBoolean(state.overflowed);
            if (state.overflowed) {
                out.writeBoolean(state.sketches != null);
                if (state.sketches != null) {
                    state.sketches.write(out);
                }
                out.writeBoolean(state.frequencies != null);
                if (state.frequencies != null) {
                    state.frequencies.write(out);
                }
                return;
            }
            String[] ids = state.items.sortedKeys();
            out.writeInt(ids.length);
            boolean hasShort = state.items.hasShort();
            out.writeBoolean(hasShort);
            for (String id : ids) {
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
                int slot = state.items.find(id);
                for (int b = 0; b < ks.length; b++) {
                    out.writeLong(state.items.band(slot, b));
                }
                if (hasShort) {
                    for (int b = 0; b < ks.length; b++) {
                        out.writeLong(state.items.shortBand(slot, b));
                        out.writeDouble(state.items.shortWeightBand(slot, b));
                    }
                }
            }
        }

        @Override
        public CatalogState decode(DataInput in, int version) throws IOException {
            int n = in.readInt();
            if (n != ks.length) {
                throw new IOException("state has " + n + " cut-offs but this metric is configured with k = "
                        + Arrays.toString(ks));
            }
            int[] stored = new int[n];
            for (int i = 0; i < n; i++) {
                stored[i] = in.readInt();
            }
            if (!Arrays.equals(stored, ks)) {
                throw new IOException("state has cut-offs " + Arrays.toString(stored)
                        + " but this metric is configured with k = " + Arrays.toString(ks));
            }
            long count = in.readLong();
            long rejected = in.readLong();
            CompensatedSums pop = CompensatedSums.read(in, n);
            CompensatedSums tail = CompensatedSums.read(in, n);
            long[] popUsers = new long[n];
            long[] tailUsers = new long[n];
            for (int j = 0; j < n; j++) {
                popUsers[j] = in.readLong();
                tailUsers[j] = in.readLong();
            }
            CatalogState state = new CatalogState(pop, popUsers, tail, tailUsers);
            state.count = count;
            state.rejected = rejected;
            if (version >= 3) {
                state.emptyLists = in.readLong();
                for (int j = 0; j < n; j++) {
                    state.shortLists[j] = in.readLong();
                }
                state.lengthsKnown = in.readBoolean();
            } else {
                state.lengthsKnown = false; // versions 1 and 2 did not count list lengths
            }
            boolean overflowed = in.readBoolean();
            if (overflowed && version >= 2) {
                if (in.readBoolean()) {
                    ItemSketches sketches = ItemSketches.read(in, n, lgK, catalogIsPopularityFile);
                    ItemFrequencies frequencies = version >= 3 && in.readBoolean()
                            ? ItemFrequencies.read(in, n, lgMapSize) : null;
                    // Frequent-items sketches are kept only without a popularity file.
                    state.overflow(sketches, countPopularity ? frequencies : null);
                } else {
                    if (version >= 3 && in.readBoolean()) {
                        throw new IOException("state has frequent-items sketches without HyperLogLog sketches");
                    }
                    state.lose();
                }
                return state;
            }
            int items = in.readInt();
            if (items < 0 || items > maxItems) {
                throw new IOException("state holds " + items + " items, more than max_items = " + maxItems);
            }
            boolean hasShort = version >= 3 && in.readBoolean();
            for (int i = 0; i < items; i++) {
                int len = in.readInt();
                if (len < 0 || len > 1 << 20) {
                    throw new IOException("bad item id length " + len);
                }
                byte[] bytes = new byte[len];
                in.readFully(bytes);
                int before = state.items.size();
                int slot = state.items.slotOf(new String(bytes, StandardCharsets.UTF_8), maxItems);
                if (slot < 0 || state.items.size() == before) {
                    throw new IOException("item " + i + " is a repeat or exceeds max_items");
                }
                for (int b = 0; b < n; b++) {
                    state.items.add(slot, b, in.readLong());
                }
                if (hasShort) {
                    for (int b = 0; b < n; b++) {
                        long shortCount = in.readLong();
                        double shortWeight = in.readDouble();
                        if (shortCount < 0 || !(shortWeight >= 0) || Double.isInfinite(shortWeight)) {
                            throw new IOException("item " + i + " has a bad short-list count " + shortCount
                                    + " or weight " + shortWeight);
                        }
                        if (weighShortLists && shortCount > 0) {
                            state.items.addShort(slot, b, shortCount, shortWeight);
                        }
                    }
                }
            }
            if (overflowed) {
                state.lose(); // version 1: the counts were dropped without a sketch
            }
            return state;
        }
    }
}
