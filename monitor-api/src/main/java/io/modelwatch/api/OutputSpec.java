package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

/**
 * A named output of a metric, for documentation, alert validation, and to tell the host how to
 * treat it.
 *
 * @param name the output name, such as {@code score}, or a placeholder for names that depend
 *     on parameters: {@code ndcg@k} stands for {@code ndcg@10}, {@code counts_n} for
 *     {@code counts_1}; never null
 * @param description one sentence; never null
 * @param descriptive whether the output only describes the data rather than estimating a
 *     quantity: a count or a total that grows with the amount of data, or an extreme such as a
 *     maximum. The host reports it but gives it no confidence interval and does not test it
 *     against the baseline
 * @param lowest the smallest value the output can take ({@code -Infinity} when unbounded); the
 *     host keeps the output's confidence interval at or above it
 * @param highest the largest value the output can take ({@code Infinity} when unbounded); the
 *     host keeps the output's confidence interval at or below it
 * @since 1.1 (lowest and highest)
 */
public record OutputSpec(String name, String description, boolean descriptive, double lowest, double highest) {
    public OutputSpec {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        if (Double.isNaN(lowest) || Double.isNaN(highest) || lowest > highest) {
            throw new IllegalArgumentException("output " + name + ": the range [" + lowest + ", " + highest
                    + "] is not a range");
        }
    }

    /** Returns an output, descriptive or not, that can take any value. */
    public OutputSpec(String name, String description, boolean descriptive) {
        this(name, description, descriptive, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Returns an estimate output (the usual kind): it gets an interval and a baseline comparison. */
    public OutputSpec(String name, String description) {
        this(name, description, false);
    }

    /** Returns a descriptive output, such as a count or a maximum: no interval, no baseline test. */
    public static OutputSpec descriptive(String name, String description) {
        return new OutputSpec(name, description, true);
    }

    /**
     * Returns this output with the values it can take: a share is {@code within(0, 1)}, a score
     * of 0 to 100 {@code within(0, 100)}, a non-negative error {@code within(0, Double.POSITIVE_INFINITY)}.
     * A confidence interval from the groups can reach past such a bound (a normal interval around
     * a calibration error near 0); the host cuts it there.
     */
    public OutputSpec within(double lowest, double highest) {
        return new OutputSpec(name, description, descriptive, lowest, highest);
    }

    /** Returns whether the output has a bound on either side. */
    public boolean bounded() {
        return lowest != Double.NEGATIVE_INFINITY || highest != Double.POSITIVE_INFINITY;
    }
}
