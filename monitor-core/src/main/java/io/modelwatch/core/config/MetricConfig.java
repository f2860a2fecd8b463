package io.modelwatch.core.config;

import java.util.List;
import java.util.Map;

/**
 * One metric of a monitor.
 *
 * @param name the name results carry (default: the type)
 * @param type the metric type, such as {@code core.latency}
 * @param params parameters, validated against the type's declared parameters
 * @param inputs logical input → field name, when the monitor's field has another name
 * @param alerts alert rules on this metric's results
 */
public record MetricConfig(String name, String type, Map<String, Object> params, Map<String, String> inputs,
                           List<AlertRuleConfig> alerts) {
    public MetricConfig {
        params = params == null ? Map.of() : params;
        inputs = inputs == null ? Map.of() : inputs;
        alerts = ModelWatchConfig.listOf(alerts);
    }

    /** Returns the name results carry. */
    public String displayName() {
        return name == null ? type : name;
    }
}
