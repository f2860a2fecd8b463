package io.modelwatch.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One alert rule of a metric.
 *
 * @param name the rule's name in alerts (default: its condition)
 * @param when the condition, such as {@code score < 25} or {@code delta.score < -2 and significant.score}
 * @param forWindows how many consecutive windows the condition must hold before the alert fires (default 1)
 */
public record AlertRuleConfig(String name, String when, @JsonProperty("for") Integer forWindows) {
    public AlertRuleConfig {
        forWindows = forWindows == null ? 1 : forWindows;
    }

    /** Returns the name alerts carry. */
    public String displayName() {
        return name == null ? when : name;
    }
}
