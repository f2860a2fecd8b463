package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.nlp.bleu.BleuFactory;
import io.modelwatch.nlp.bleu.BleuState;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Merge laws, codec and golden state of {@code nlp.bleu} (with {@code sentence_mean} on), plus its record handling. */
class BleuMetricTest extends MetricConformanceTest<BleuState> {

    @Override
    protected Metric<BleuState> metric() {
        return TestMetricSpec.of(new BleuFactory()).param("sentence_mean", true).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return TextSamples.records(random, 300);
    }

    @Test
    void recordsWithoutReferenceAreCountedApartAndMissingHypothesesRejected() {
        Metric<BleuState> m = metric();
        BleuState s = m.newState();
        m.add(s, TestObservation.at(0).with("hypothesis", "a b c").build());
        m.add(s, TestObservation.at(0).with("hypothesis", "a b c").with("references", Arrays.asList(null, null)).build());
        m.add(s, TestObservation.at(0).with("references", List.of("a b c")).build());
        MetricValue v = m.result(s);
        assertEquals(0, v.count());
        assertEquals(1, v.rejected());
        assertEquals(2.0, v.value("unreferenced"));
        assertNull(v.value("score"));
        m.add(s, TestObservation.at(0).with("hypothesis", "a b c d").with("references", "a b c d").build());
        v = m.result(s);
        // one exact match of four tokens: every precision is 100, so BLEU is exp(ln 100) = 100 (to rounding)
        assertEquals(100.0, v.value("score"), 1e-9);
        assertEquals(100.0, v.value("sentence_mean"), 1e-9);
        assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
                v.tables().get("signature").rows().get(0).get(0));
    }

    @Test
    void varyingReferenceCountsGiveNrefsVar() {
        Metric<BleuState> m = metric();
        BleuState s = m.newState();
        m.add(s, TestObservation.at(0).with("hypothesis", "a b").with("references", List.of("a b", "a c")).build());
        m.add(s, TestObservation.at(0).with("hypothesis", "a b").with("references", Arrays.asList("a b", null)).build());
        assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
                m.result(s).tables().get("signature").rows().get(0).get(0));
    }
}
