package io.modelwatch.core.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prometheus names of result outputs, following the Prometheus naming guide:
 * {@code modelwatch_<plugin>_<metric>_<output>[_<part>][_seconds]}, where the plugin is the metric
 * type's prefix ({@code nlp.bleu} → {@code nlp}, {@code bleu}), every name part is reduced to
 * {@code [a-zA-Z0-9_]} ({@code hit_rate@10} → {@code hit_rate_at_10}), and the unit comes last.
 */
final class MetricNames {
    static final String PREFIX = "modelwatch_";
    /** Types whose outputs are durations in the unit that their result's {@code unit} table names. */
    private static final String LATENCY_TYPE = "core.latency";
    private static final String LATENCY_DEFAULT_UNIT = "ms";
    private static final Map<String, Double> SECONDS_PER_UNIT = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0);
    /** Suffixes the Prometheus client reserves (counters, histograms, info metrics); a gauge must not end in one. */
    private static final List<String> RESERVED_SUFFIXES = List.of("_total", "_created", "_bucket", "_info");
    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");
    private static final Pattern REPEATED_UNDERSCORES = Pattern.compile("_{2,}");

    private MetricNames() {
    }

    /**
     * Returns the gauge name of one output of a metric type.
     *
     * @param type the metric type, such as {@code recsys.ranking}
     * @param output the output, such as {@code ndcg@10}
     * @param part empty for the value, else {@code ci_lower}, {@code ci_upper}, {@code baseline},
     *     {@code delta}, {@code delta_ci_lower}, {@code delta_ci_upper} or {@code significant}
     * @param seconds whether the value is a duration in seconds (the unit goes last)
     */
    static String gauge(String type, String output, String part, boolean seconds) {
        int dot = type.indexOf('.');
        String plugin = dot < 0 ? "" : type.substring(0, dot);
        String metric = dot < 0 ? type : type.substring(dot + 1);
        StringBuilder name = new StringBuilder(PREFIX);
        if (!plugin.isEmpty()) {
            name.append(sanitize(plugin)).append('_');
        }
        name.append(sanitize(metric)).append('_').append(sanitize(output));
        if (!part.isEmpty()) {
            name.append('_').append(part);
        }
        if (seconds) {
            name.append("_seconds");
        }
        String text = REPEATED_UNDERSCORES.matcher(name).replaceAll("_");
        for (String suffix : RESERVED_SUFFIXES) {
            if (text.endsWith(suffix)) {
                // An output called "total" or "info" would read as a counter's or an info metric's series.
                return text + "_value";
            }
        }
        return text;
    }

    /** Reduces a name part to {@code [a-zA-Z0-9_]}: {@code @} becomes {@code _at_}, any other character {@code _}. */
    static String sanitize(String part) {
        String text = INVALID.matcher(part.replace("@", "_at_")).replaceAll("_");
        text = REPEATED_UNDERSCORES.matcher(text).replaceAll("_");
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '_') {
            end--;
        }
        return text.substring(0, end);
    }

    /** Whether a type's outputs are durations that the export converts to seconds. */
    static boolean isDuration(String type) {
        return LATENCY_TYPE.equals(type);
    }

    /**
     * Returns how many seconds one unit of a duration output is, from the unit its result names
     * ({@code ns}, {@code us}, {@code ms}, {@code s}); the metric's default {@code ms} when it names none.
     */
    static double secondsPerUnit(String unit) {
        String u = unit == null ? LATENCY_DEFAULT_UNIT : unit.trim().toLowerCase(Locale.ROOT);
        Double factor = SECONDS_PER_UNIT.get(u);
        return factor == null ? SECONDS_PER_UNIT.get(LATENCY_DEFAULT_UNIT) : factor;
    }
}
