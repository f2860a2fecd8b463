package io.modelwatch.core.generate;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * The log of {@code ranker-v3}, a recommender that shows 20 items per request.
 *
 * <p>Each record carries the {@code user}, the 20 distinct {@code recommended} item ids in rank order
 * (null when the request failed) and the items the user went on to {@code clicked} (empty for about 15%
 * of requests; clicks may land on items found elsewhere, so relevance does not depend on the list).
 * Item popularity follows a Zipf law over a catalogue of 5,000 items. A healthy ranker shows most relevant
 * items near the top and fills the rest with a mix of popular and long-tail items; after the degradation
 * it misses more relevant items, ranks the ones it finds lower, and fills the list mostly with popular
 * items (popularity bias). Immutable after construction.
 *
 * <p>{@link #writePopularity(Writer)} writes the catalogue's popularity as training interaction counts
 * ({@value #TRAINING_INTERACTIONS} interactions spread by the same Zipf law), the {@code item,count} table
 * popularity-bias metrics compare recommendations with.
 */
final class RecsysStream implements RecordStream {
    static final int LIST_SIZE = 20;
    static final int CATALOGUE = 5_000;
    static final long TRAINING_INTERACTIONS = 1_000_000L;
    private static final int USERS = 20_000;
    private static final double ZIPF_EXPONENT = 1.0;

    private static final ServiceProfile PROFILE = new ServiceProfile(
            18, 0.35, 0.45, 0.008, 0.025, 1.4, 250);

    /** How the ranker behaves. */
    private record Ranker(double includeRelevant, double popularFiller) {
    }

    private static final Ranker HEALTHY = new Ranker(0.75, 0.35);
    private static final Ranker DEGRADED = new Ranker(0.40, 0.80);

    private final double[] popularity;
    private final String[] itemIds;

    /** Builds the catalogue; item ids are shuffled by {@code random} so popularity is not visible in them. */
    RecsysStream(DemoRandom random) {
        this.popularity = new double[CATALOGUE];
        double sum = 0;
        for (int rank = 0; rank < CATALOGUE; rank++) {
            sum += 1 / StrictMath.pow(rank + 1, ZIPF_EXPONENT);
            popularity[rank] = sum;
        }
        int[] ids = new int[CATALOGUE];
        for (int i = 0; i < CATALOGUE; i++) {
            ids[i] = i + 1;
        }
        for (int i = CATALOGUE - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        this.itemIds = new String[CATALOGUE];
        for (int rank = 0; rank < CATALOGUE; rank++) {
            itemIds[rank] = "i" + ids[rank];
        }
    }

    @Override
    public String model() {
        return "ranker-v3";
    }

    @Override
    public String idPrefix() {
        return "rec";
    }

    @Override
    public ServiceProfile profile() {
        return PROFILE;
    }

    @Override
    public double writePayload(JsonLinesOut out, DemoRandom random, boolean degraded, String failure)
            throws IOException {
        Ranker ranker = degraded ? DEGRADED : HEALTHY;
        int user = random.nextInt(USERS);
        int[] relevant = relevant(random);
        int[] shown = rank(random, ranker, degraded, relevant);

        JsonGenerator json = out.json();
        json.writeStringField("user", "u" + user);
        json.writeFieldName("recommended");
        if (failure == null) {
            writeItems(json, shown, shown.length);
        } else {
            json.writeNull();
        }
        json.writeFieldName("clicked");
        writeItems(json, relevant, relevant.length);
        return 1;
    }

    private int[] relevant(DemoRandom random) {
        if (random.chance(0.15)) {
            return new int[0];
        }
        int count = 1;
        while (count < 4 && random.chance(0.35)) {
            count++;
        }
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            int item;
            do {
                item = random.chance(0.6) ? random.nextIndex(popularity) : random.nextInt(CATALOGUE);
            } while (contains(items, i, item));
            items[i] = item;
        }
        return items;
    }

    private int[] rank(DemoRandom random, Ranker ranker, boolean degraded, int[] relevant) {
        int[] slots = new int[LIST_SIZE];
        Arrays.fill(slots, -1);
        for (int item : relevant) {
            if (!random.chance(ranker.includeRelevant())) {
                continue;
            }
            int position = degraded
                    ? 6 + random.nextInt(LIST_SIZE - 6)
                    : Math.min(LIST_SIZE - 1, (int) (-3 * StrictMath.log(1 - random.nextDouble())));
            while (slots[position] != -1) {
                position = (position + 1) % LIST_SIZE;
            }
            slots[position] = item;
        }
        for (int i = 0; i < LIST_SIZE; i++) {
            if (slots[i] != -1) {
                continue;
            }
            int item;
            do {
                item = random.chance(ranker.popularFiller())
                        ? random.nextIndex(popularity)
                        : random.nextInt(CATALOGUE);
            } while (contains(slots, LIST_SIZE, item));
            slots[i] = item;
        }
        return slots;
    }

    /** Writes {@code item,count} with a header line, most popular first; returns the number of items. */
    long writePopularity(Writer out) throws IOException {
        double total = popularity[CATALOGUE - 1];
        out.write("item,count\n");
        for (int rank = 0; rank < CATALOGUE; rank++) {
            double share = (popularity[rank] - (rank == 0 ? 0 : popularity[rank - 1])) / total;
            out.write(itemIds[rank]);
            out.write(',');
            out.write(Long.toString(Math.round(share * TRAINING_INTERACTIONS)));
            out.write('\n');
        }
        return CATALOGUE;
    }

    private void writeItems(JsonGenerator json, int[] items, int count) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < count; i++) {
            json.writeString(itemIds[items[i]]);
        }
        json.writeEndArray();
    }

    private static boolean contains(int[] items, int count, int item) {
        for (int i = 0; i < count; i++) {
            if (items[i] == item) {
                return true;
            }
        }
        return false;
    }
}
