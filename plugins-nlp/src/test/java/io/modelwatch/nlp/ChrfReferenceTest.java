package io.modelwatch.nlp;

import static io.modelwatch.nlp.ReferenceFiles.close;
import static io.modelwatch.nlp.ReferenceFiles.longs;
import static io.modelwatch.nlp.ReferenceFiles.num;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.nlp.chrf.ChrfFactory;
import io.modelwatch.nlp.chrf.ChrfOptions;
import io.modelwatch.nlp.chrf.ChrfScore;
import io.modelwatch.nlp.chrf.ChrfSegmenter;
import io.modelwatch.nlp.chrf.ChrfState;
import io.modelwatch.nlp.text.PythonFormat;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@code nlp.chrf} against sacreBLEU 2.6.0's {@code CHRF()} (chrF2) and
 * {@code CHRF(word_order=2)} (chrF2++) vectors in {@code bleu_vectors.jsonl}: summed statistics
 * exactly, corpus and sentence scores to 1e-9 relative, formatted strings and signatures exactly,
 * and the 10k corpus.
 */
class ChrfReferenceTest {
    private static final double REL = 1e-9;

    static Metric<ChrfState> metric(ChrfOptions o) {
        return TestMetricSpec.of(new ChrfFactory()).param("word_order", (long) o.wordOrder()).create();
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> vectors() {
        List<DynamicTest> tests = new ArrayList<>();
        boolean tenK = false;
        for (Map<String, Object> c : ReferenceFiles.jsonLines("bleu_vectors.jsonl")) {
            boolean large = c.get("group").equals("large");
            if (large && (tenK || !"corpus10k.jsonl".equals(c.get("data_file")))) {
                continue; // the chrF fields of the large lines do not depend on the BLEU options: check once
            }
            tenK |= large;
            for (String key : List.of("chrf", "chrfpp")) {
                ChrfOptions opt = key.equals("chrf") ? ChrfOptions.chrf() : ChrfOptions.chrfPlusPlus();
                tests.add(DynamicTest.dynamicTest(c.get("id") + " " + key,
                        () -> check(c, (Map<String, Object>) c.get(key), opt, large)));
            }
        }
        assertTrue(tests.size() > 400);
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c, Map<String, Object> expected, ChrfOptions opt, boolean large) {
        String id = c.get("id") + " " + opt.displayName();
        Metric<ChrfState> metric = metric(opt);
        ChrfState state = metric.newState();
        ChrfSegmenter seg = new ChrfSegmenter(opt);
        if (large) {
            for (Map<String, Object> line : ReferenceFiles.corpus10k()) {
                metric.add(state, TestObservation.at(0).with("hypothesis", line.get("hyp"))
                        .with("references", line.get("refs")).build());
            }
        } else {
            List<String> hyps = (List<String>) c.get("hyps");
            List<Object> sentence = (List<Object>) expected.get("sentence");
            for (int i = 0; i < hyps.size(); i++) {
                List<String> refs = ReferenceFiles.segmentRefs(c.get("refs"), i);
                long[] stats = new long[3 * opt.orders()];
                seg.statistics(hyps.get(i), refs, stats);
                double s = ChrfScore.of(stats, opt.orders(), opt.beta(), false);
                assertTrue(close(num(sentence.get(i)), s, REL),
                        id + ": sentence " + i + " expected " + sentence.get(i) + " but was " + s);
                metric.add(state, TestObservation.at(i).with("hypothesis", hyps.get(i)).with("references", refs).build());
            }
        }
        assertArrayEquals(longs(expected.get("stats")), state.statistics(), id + ": statistics");
        MetricValue v = metric.result(state);
        double score = v.value("score");
        assertTrue(close(num(expected.get("score")), score, REL), id + ": expected " + expected.get("score") + " but was " + score);
        assertEquals(expected.get("score_2dp"), PythonFormat.fixed(score, 2), id + ": score_2dp");
        assertEquals(expected.get("formatted"), opt.displayName() + " = " + PythonFormat.fixed(score, 2), id + ": formatted");
        assertEquals(expected.get("signature"), v.tables().get("signature").rows().get(0).get(0), id + ": signature");
    }
}
