package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

/**
 * A named output of a metric, for documentation, alert validation, and to tell the host how to
 * treat it.
 *
 * @param name the output name, such as {@code score} or {@code ndcg@k} (a placeholder for
 *     names that depend on parameters: the host matches {@code ndcg@10} to {@code ndcg@k});
 *     never null
 * @param description one sentence; never null
 * @param total whether the output is a total that grows with the amount of data (a count, a
 *     sum of lengths) rather than an estimate; the host gives totals no confidence interval and
 *     does not test them against the baseline
 */
public record OutputSpec(String name, String description, boolean total) {
    public OutputSpec {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
    }

    /** Returns an estimate output (the usual kind): it gets an interval and a baseline comparison. */
    public OutputSpec(String name, String description) {
        this(name, description, false);
    }

    /** Returns a total output, such as a count: no interval, no baseline comparison. */
    public static OutputSpec total(String name, String description) {
        return new OutputSpec(name, description, true);
    }
}
