package io.modelwatch.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {
    @Test
    void namesFollowPluginMetricOutputPartUnit() {
        assertThat(MetricNames.gauge("nlp.bleu", "score", "", false)).isEqualTo("modelwatch_nlp_bleu_score");
        assertThat(MetricNames.gauge("nlp.bleu", "precision_1", "ci_upper", false))
                .isEqualTo("modelwatch_nlp_bleu_precision_1_ci_upper");
        assertThat(MetricNames.gauge("core.latency", "p99", "", true)).isEqualTo("modelwatch_core_latency_p99_seconds");
        assertThat(MetricNames.gauge("core.latency", "p99", "delta_ci_lower", true))
                .isEqualTo("modelwatch_core_latency_p99_delta_ci_lower_seconds");
        assertThat(MetricNames.gauge("recsys.ranking", "ndcg@10", "", false))
                .isEqualTo("modelwatch_recsys_ranking_ndcg_at_10");
    }

    @Test
    void sanitizeKeepsOnlyLettersDigitsAndUnderscores() {
        assertThat(MetricNames.sanitize("hit_rate@10")).isEqualTo("hit_rate_at_10");
        assertThat(MetricNames.sanitize("precision_1")).isEqualTo("precision_1");
        assertThat(MetricNames.sanitize("p99.9")).isEqualTo("p99_9");
        assertThat(MetricNames.sanitize("gini-recommended@k")).isEqualTo("gini_recommended_at_k");
        assertThat(MetricNames.sanitize("ratio%")).isEqualTo("ratio");
        assertThat(MetricNames.sanitize("a  b")).isEqualTo("a_b");
    }

    @Test
    void unitsConvertToSeconds() {
        assertThat(MetricNames.secondsPerUnit("ns")).isEqualTo(1e-9);
        assertThat(MetricNames.secondsPerUnit("us")).isEqualTo(1e-6);
        assertThat(MetricNames.secondsPerUnit("ms")).isEqualTo(1e-3);
        assertThat(MetricNames.secondsPerUnit("s")).isEqualTo(1.0);
        assertThat(MetricNames.secondsPerUnit(null)).isEqualTo(1e-3);
    }
}
