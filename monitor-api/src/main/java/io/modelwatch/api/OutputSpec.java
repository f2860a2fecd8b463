package io.modelwatch.api;

import static java.util.Objects.requireNonNull;

/**
 * A named output of a metric, for documentation and for checking alert rules.
 *
 * @param name the output name, such as {@code score} or {@code ndcg@k} (a placeholder for
 *     names that depend on parameters); never null
 * @param description one sentence; never null
 */
public record OutputSpec(String name, String description) {
    public OutputSpec {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
    }
}
