package io.modelwatch.core.config;

/**
 * Confidence intervals by random groups.
 *
 * @param enabled on by default
 * @param confidence the confidence level (default 0.95)
 * @param groups the number of random groups G (default 32)
 * @param method {@code jackknife} (default: delete-a-group, t quantile on G−1 degrees of freedom) or {@code bootstrap}
 */
public record IntervalsConfig(Boolean enabled, Double confidence, Integer groups, String method) {
    public IntervalsConfig {
        enabled = enabled == null || enabled;
        confidence = confidence == null ? 0.95 : confidence;
        groups = groups == null ? 32 : groups;
        method = method == null ? "jackknife" : method;
    }
}
