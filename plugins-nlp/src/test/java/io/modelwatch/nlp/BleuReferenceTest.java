package io.modelwatch.nlp;

import static io.modelwatch.nlp.ReferenceFiles.close;
import static io.modelwatch.nlp.ReferenceFiles.longs;
import static io.modelwatch.nlp.ReferenceFiles.num;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.nlp.bleu.BleuFactory;
import io.modelwatch.nlp.bleu.BleuOptions;
import io.modelwatch.nlp.bleu.BleuScore;
import io.modelwatch.nlp.bleu.BleuSegmenter;
import io.modelwatch.nlp.bleu.BleuState;
import io.modelwatch.nlp.bleu.Smoothing;
import io.modelwatch.nlp.tokenize.Tokens;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@code nlp.bleu} against sacreBLEU 2.6.0's vectors in {@code bleu_vectors.jsonl}
 * (definition: {@code ../shared/reference/bleu/README.md}): per case the tokenized strings, every
 * segment's integer statistics exactly, corpus and sentence scores to 1e-9 relative, and the
 * formatted strings and signature exactly, and the {@code sentence_mean} output where the case's options
 * have effective order on (as {@code sentence_bleu} does); then the 10k-corpus lines end to end through
 * the metric.
 */
class BleuReferenceTest {
    private static final double REL = 1e-9;

    @SuppressWarnings("unchecked")
    static BleuOptions options(Map<String, Object> o) {
        Object sv = o.get("smooth_value");
        return new BleuOptions((String) o.get("tokenize"), (Boolean) o.get("lowercase"),
                Smoothing.of((String) o.get("smooth_method")), sv == null ? null : num(sv), 4,
                (Boolean) o.get("use_effective_order"));
    }

    static Metric<BleuState> metric(BleuOptions opt) {
        return metric(opt, false);
    }

    static Metric<BleuState> metric(BleuOptions opt, boolean sentenceMean) {
        return TestMetricSpec.of(new BleuFactory())
                .param("tokenize", opt.tokenize())
                .param("lowercase", opt.lowercase())
                .param("smooth_method", opt.smoothing().id())
                .param("smooth_value", opt.smoothValue())
                .param("effective_order", opt.effectiveOrder())
                .param("sentence_mean", sentenceMean)
                .create();
    }

    @TestFactory
    Stream<DynamicTest> smallCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : ReferenceFiles.jsonLines("bleu_vectors.jsonl")) {
            if (c.get("group").equals("large")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> checkSmallCase(c)));
        }
        assertTrue(tests.size() > 200, "expected the small cases of bleu_vectors.jsonl");
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void checkSmallCase(Map<String, Object> c) {
        String id = (String) c.get("id");
        BleuOptions opt = options((Map<String, Object>) c.get("options"));
        List<String> hyps = (List<String>) c.get("hyps");
        Object refs = c.get("refs");
        Map<String, Object> tokenized = (Map<String, Object>) c.get("tokenized");
        BleuSegmenter seg = new BleuSegmenter(opt);
        Tokens tokens = new Tokens();
        List<Object> segStats = (List<Object>) c.get("segment_stats");
        List<Object> sentence = (List<Object>) c.get("sentence");
        List<Object> details = (List<Object>) c.get("sentence_detail");
        Metric<BleuState> metric = metric(opt, true);
        BleuState state = metric.newState();
        double sentenceSum = 0;
        for (int i = 0; i < hyps.size(); i++) {
            assertEquals(tokens(((List<String>) tokenized.get("hyps")).get(i)), seg.tokenize(hyps.get(i), tokens).joined(),
                    id + ": tokenized hypothesis " + i);
            List<String> segRefs = ReferenceFiles.segmentRefs(refs, i);
            List<String> tokRefs = ReferenceFiles.segmentRefs(tokenized.get("refs"), i);
            for (int k = 0; k < segRefs.size(); k++) {
                if (segRefs.get(k) != null) {
                    assertEquals(tokens(tokRefs.get(k)), seg.tokenize(segRefs.get(k), tokens).joined(),
                            id + ": tokenized reference " + k + " of segment " + i);
                }
            }
            long[] stats = new long[10];
            seg.statistics(hyps.get(i), segRefs, stats);
            assertArrayEquals(longs(segStats.get(i)), stats, id + ": statistics of segment " + i);
            BleuScore s = BleuScore.of(stats, opt);
            assertClose(num(sentence.get(i)), s.score(), id + ": sentence BLEU " + i);
            Map<String, Object> d = (Map<String, Object>) details.get(i);
            assertEquals(d.get("score_2dp"), s.score2dp(), id + ": sentence score_2dp " + i);
            assertClose(num(d.get("bp")), s.bp(), id + ": sentence bp " + i);
            assertArrays((List<Object>) d.get("precisions"), s.precisions(), id + ": sentence precisions " + i);
            assertArrays((List<Object>) d.get("counts"), s.counts(), id + ": sentence counts " + i);
            assertArrays((List<Object>) d.get("totals"), s.totals(), id + ": sentence totals " + i);
            metric.add(state, TestObservation.at(i).with("hypothesis", hyps.get(i))
                    .with("references", segRefs).build());
            sentenceSum += num(sentence.get(i));
        }
        // sentence_mean follows sentence_bleu, whose effective order is on: where the case's options
        // have it on too, the vector's sentence scores are exactly what the metric averages
        if ((Boolean) ((Map<String, Object>) c.get("options")).get("use_effective_order")) {
            assertClose(sentenceSum / hyps.size(), metric.result(state).value("sentence_mean"), id + ": sentence_mean");
        }
        Map<String, Object> corpus = (Map<String, Object>) c.get("corpus");
        assertArrayEquals(longs(corpus.get("stats")), state.statistics(), id + ": corpus statistics");
        BleuScore s = BleuScore.of(state.statistics(), opt);
        assertClose(num(corpus.get("score")), s.score(), id + ": corpus score");
        assertEquals(corpus.get("score_2dp"), s.score2dp(), id + ": score_2dp");
        assertEquals(corpus.get("formatted"), s.formatted(), id + ": formatted");
        checkMetricValue(id, corpus, metric.result(state));
    }

    @SuppressWarnings("unchecked")
    private static void checkMetricValue(String id, Map<String, Object> corpus, MetricValue v) {
        assertClose(num(corpus.get("score")), v.value("score"), id + ": score output");
        assertClose(num(corpus.get("bp")), v.value("bp"), id + ": bp output");
        assertClose(num(corpus.get("ratio")), v.value("ratio"), id + ": ratio output");
        assertEquals(num(corpus.get("sys_len")), v.value("sys_len"), id + ": sys_len output");
        assertEquals(num(corpus.get("ref_len")), v.value("ref_len"), id + ": ref_len output");
        for (int n = 1; n <= 4; n++) {
            assertClose(num(((List<Object>) corpus.get("precisions")).get(n - 1)), v.value("precision_" + n),
                    id + ": precision_" + n);
            assertEquals(num(((List<Object>) corpus.get("counts")).get(n - 1)), v.value("counts_" + n),
                    id + ": counts_" + n);
            assertEquals(num(((List<Object>) corpus.get("totals")).get(n - 1)), v.value("totals_" + n),
                    id + ": totals_" + n);
        }
        assertEquals(corpus.get("signature"), v.tables().get("signature").rows().get(0).get(0), id + ": signature");
    }

    private static void assertArrays(List<Object> expected, double[] actual, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int i = 0; i < actual.length; i++) {
            assertClose(num(expected.get(i)), actual[i], what + "[" + i + "]");
        }
    }

    /** sacreBLEU's tokenized string split on Python whitespace (the char tokenizer keeps the spaces as tokens' gaps). */
    static String tokens(String tokenized) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokenized.split("[\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]+")) {
            if (!t.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(t);
            }
        }
        return sb.toString();
    }

    static void assertClose(double expected, Double actual, String what) {
        assertTrue(actual != null && close(expected, actual, REL), what + ": expected " + expected + " but was " + actual);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> corpus10kLines() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : ReferenceFiles.jsonLines("bleu_vectors.jsonl")) {
            if (!c.get("group").equals("large") || !"corpus10k.jsonl".equals(c.get("data_file"))) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> {
                BleuOptions opt = options((Map<String, Object>) c.get("options"));
                Metric<BleuState> metric = metric(opt);
                BleuState state = metric.newState();
                for (Map<String, Object> line : ReferenceFiles.corpus10k()) {
                    metric.add(state, TestObservation.at(0).with("hypothesis", line.get("hyp"))
                            .with("references", line.get("refs")).build());
                }
                Map<String, Object> corpus = (Map<String, Object>) c.get("corpus");
                String id = (String) c.get("id");
                assertArrayEquals(longs(corpus.get("stats")), state.statistics(), id + ": corpus statistics");
                BleuScore s = BleuScore.of(state.statistics(), opt);
                assertEquals(corpus.get("formatted"), s.formatted(), id + ": formatted");
                checkMetricValue(id, corpus, metric.result(state));
            }));
        }
        assertEquals(5, tests.size(), "10k-corpus lines");
        return tests.stream();
    }
}
