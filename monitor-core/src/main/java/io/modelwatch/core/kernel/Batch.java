package io.modelwatch.core.kernel;

/**
 * A reusable batch of decoded records on its way from a reader to a shard. The reader fills
 * {@code records[0..count)}; the shard fills the state arrays while adding. Owned by one thread
 * at a time (the queue hands it over).
 */
final class Batch {
    final DecodedRecord[] records;
    final Object[][][] states;
    final Object[][][] baseStates;
    int count;

    Batch(MonitorPlan plan, int size) {
        records = new DecodedRecord[size];
        for (int i = 0; i < size; i++) {
            records[i] = plan.newRecord();
        }
        states = new Object[size][][];
        baseStates = new Object[size][][];
    }

    boolean full() {
        return count == records.length;
    }

    /**
     * Empties the batch once its records were added: drops what they referenced (texts, id lists,
     * vectors) so a batch waiting in the pool keeps nothing alive for the garbage collector to copy.
     */
    void release() {
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(records[i].obj, null);
            records[i].id = null;
        }
        count = 0;
    }
}
