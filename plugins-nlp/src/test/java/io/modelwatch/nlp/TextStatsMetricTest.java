package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.nlp.stats.TextStatsFactory;
import io.modelwatch.nlp.stats.TextStatsState;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Merge laws, codec and golden state of {@code nlp.text_stats}, and its signals on hand-worked records. */
class TextStatsMetricTest extends MetricConformanceTest<TextStatsState> {
    @Override
    protected Metric<TextStatsState> metric() {
        return TestMetricSpec.of(new TextStatsFactory()).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        List<Observation> out = new ArrayList<>(TextSamples.records(random, 300));
        // a few very long outputs exercise the wide histogram bins
        for (int i = 0; i < 5; i++) {
            out.add(TestObservation.at(0).with("hypothesis", "w ".repeat(300 + random.nextInt(5000))).build());
        }
        return out;
    }

    private static MetricValue run(Map<String, String> hypToSource, String... hyps) {
        Metric<TextStatsState> m = TestMetricSpec.of(new TextStatsFactory()).create();
        TextStatsState s = m.newState();
        for (String h : hyps) {
            TestObservation.Builder b = TestObservation.at(0).with("hypothesis", h);
            if (hypToSource.containsKey(h)) {
                b.with("source", hypToSource.get(h));
            }
            m.add(s, b.build());
        }
        return m.result(s);
    }

    @Test
    void signalsOnHandWorkedRecords() {
        // 13a tokens: "a b c d ." = 5 tokens; "" = 0; "x x x x x" = 5 (the 4-gram x x x x twice);
        // "one two three four one two three four" = 8 (repeats); "hello world" = 2
        MetricValue v = run(Map.of("hello world", " hello world ", "a b c d.", "ein b c d e f g h"),
                "a b c d.", "", "x x x x x", "one two three four one two three four", "hello world");
        assertEquals(5, v.count());
        assertEquals((5 + 0 + 5 + 8 + 2) / 5.0, v.value("length_mean"));
        // sorted lengths 0 2 5 5 8: nearest rank ceil(0.5*5)=3 -> 5; ceil(0.9*5)=5 -> 8
        assertEquals(5.0, v.value("length_p50"));
        assertEquals(8.0, v.value("length_p90"));
        assertEquals(1 / 5.0, v.value("empty_rate"));
        assertEquals(2 / 5.0, v.value("repetition_rate"));
        // two records carry a source; "hello world" equals its source after stripping
        assertEquals(0.5, v.value("copy_rate"));
        // output tokens (5 + 2) over source tokens (8 + 2)
        assertEquals(7 / 10.0, v.value("length_ratio"));
        assertEquals(2.0, v.value("with_source"));
    }

    @Test
    void withoutSourceTheSourceSignalsAreUndefinedAndMissingOutputsRejected() {
        Metric<TextStatsState> m = metric();
        TextStatsState s = m.newState();
        m.add(s, TestObservation.at(0).with("hypothesis", "a b").build());
        m.add(s, TestObservation.at(0).with("source", "a b").build());
        MetricValue v = m.result(s);
        assertEquals(1, v.count());
        assertEquals(1, v.rejected());
        assertNull(v.value("copy_rate"));
        assertNull(v.value("length_ratio"));
    }

    private static TextStatsState lengths(Metric<TextStatsState> m, Random r, int base, int spread, int n) {
        TextStatsState s = m.newState();
        for (int i = 0; i < n; i++) {
            m.add(s, TestObservation.at(0).with("hypothesis", "w ".repeat(base + r.nextInt(spread))).build());
        }
        return s;
    }

    @Test
    void lengthDriftIsAKolmogorovSmirnovTestOnTheHistograms() {
        Metric<TextStatsState> m = metric();
        Random r = new Random(3);
        TextStatsState baseline = lengths(m, r, 5, 20, 2000);
        // lengths uniform on 5..24 against 5..24: same distribution
        MetricValue same = m.drift(lengths(m, r, 5, 20, 2000), baseline);
        assertTrue(same.value("length_ks") < 0.05, same.toString());
        assertTrue(same.value("length_ks_p_value") > 0.05, same.toString());
        // against 8..27: the CDFs differ by 3/20 = 0.15 over most of the range
        MetricValue shifted = m.drift(lengths(m, r, 8, 20, 2000), baseline);
        assertEquals(0.15, shifted.value("length_ks"), 0.03);
        assertTrue(shifted.value("length_ks_p_value") < 1e-6, shifted.toString());
        assertNull(m.drift(m.newState(), baseline).value("length_ks"));
    }

    @Test
    void longLengthsLandInBinsAtMostThreePercentWide() {
        Metric<TextStatsState> m = metric();
        for (int len : Arrays.asList(256, 300, 1000, 4097, 100_000)) {
            TextStatsState s = m.newState();
            m.add(s, TestObservation.at(0).with("hypothesis", "w ".repeat(len)).build());
            double q = m.result(s).value("length_p50");
            assertTrue(Math.abs(q - len) <= len / 32.0, len + " reported as " + q);
        }
    }
}
