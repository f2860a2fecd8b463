package io.modelwatch.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One alert rule of a metric.
 *
 * @param name the rule's name in alerts (default: its condition)
 * @param when the condition, such as {@code score < 25} or {@code delta.score < -2 and significant.score}
 * @param forWindows how many consecutive windows the condition must hold before the alert fires (default 1)
 * @param significant whether every change from the baseline the condition compares ({@code delta.X})
 *     must also be significant, as if {@code and significant.X} were written (default false)
 */
public record AlertRuleConfig(String name, String when, @JsonProperty("for") Integer forWindows, Boolean significant) {
    public AlertRuleConfig {
        forWindows = forWindows == null ? 1 : forWindows;
        significant = significant != null && significant;
    }

    /**
     * Parses the rule's condition, with the significance its {@code significant} asks for.
     *
     * @throws io.modelwatch.core.alert.AlertSyntaxException when the condition does not parse
     * @throws IllegalArgumentException when {@code significant} is set and the condition compares
     *     nothing with the baseline
     */
    public io.modelwatch.core.alert.AlertCondition condition() {
        io.modelwatch.core.alert.AlertCondition c = io.modelwatch.core.alert.AlertCondition.parse(when);
        return significant ? c.requiringSignificance() : c;
    }

    /** Returns the name alerts carry. */
    public String displayName() {
        return name == null ? when : name;
    }
}
