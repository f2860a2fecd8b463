package io.modelwatch.nlp;

import static io.modelwatch.nlp.ReferenceFiles.close;
import static io.modelwatch.nlp.ReferenceFiles.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.nlp.ter.TerFactory;
import io.modelwatch.nlp.ter.TerOptions;
import io.modelwatch.nlp.ter.TerSegmenter;
import io.modelwatch.nlp.ter.TerState;
import io.modelwatch.nlp.text.PythonFormat;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@code nlp.ter} against sacreBLEU 2.6.0's {@code TER} vectors in {@code ter_vectors.jsonl}
 * (definition: {@code ../shared/reference/bleu/TER.md}): for every case and each of the six option
 * sets, the preprocessed strings, each segment's edits against each reference, sentence and corpus
 * edits and lengths exactly, scores to 1e-9 relative, and strings and signatures exactly; then the
 * 10k corpus per segment; then TER.md's worked examples of the shift search (§3.5).
 */
class TerReferenceTest {
    private static final double REL = 1e-9;

    @SuppressWarnings("unchecked")
    static TerOptions options(Map<String, Object> args) {
        return new TerOptions((Boolean) args.get("normalized"), (Boolean) args.get("no_punct"),
                (Boolean) args.get("asian_support"), (Boolean) args.get("case_sensitive"));
    }

    static Metric<TerState> metric(TerOptions o) {
        return TestMetricSpec.of(new TerFactory()).param("normalized", o.normalized()).param("no_punct", o.noPunct())
                .param("asian_support", o.asianSupport()).param("case_sensitive", o.caseSensitive()).create();
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> smallCases() {
        Map<String, Map<String, Object>> bleu = new HashMap<>();
        for (Map<String, Object> c : ReferenceFiles.jsonLines("bleu_vectors.jsonl")) {
            bleu.put((String) c.get("id"), c);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : ReferenceFiles.jsonLines("ter_vectors.jsonl")) {
            if (c.get("group").equals("large")) {
                continue;
            }
            Map<String, Object> text = bleu.get((String) c.get("id"));
            for (Map.Entry<String, Object> e : ((Map<String, Object>) c.get("ter")).entrySet()) {
                tests.add(DynamicTest.dynamicTest(c.get("id") + " " + e.getKey(),
                        () -> check(c.get("id") + " " + e.getKey(), text, (Map<String, Object>) e.getValue())));
            }
        }
        assertTrue(tests.size() >= 6 * 200, "expected six option sets per small case");
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(String id, Map<String, Object> text, Map<String, Object> v) {
        TerOptions opt = options((Map<String, Object>) v.get("args"));
        TerSegmenter seg = new TerSegmenter(opt);
        Metric<TerState> metric = metric(opt);
        TerState state = metric.newState();
        List<String> hyps = (List<String>) text.get("hyps");
        Map<String, Object> tokenized = (Map<String, Object>) v.get("tokenized");
        List<Object> sentences = (List<Object>) v.get("sentence");
        List<Object> refEdits = (List<Object>) v.get("segment_ref_edits");
        for (int i = 0; i < hyps.size(); i++) {
            assertEquals(((List<String>) tokenized.get("hyps")).get(i), seg.normalizer().process(hyps.get(i)),
                    id + ": processed hypothesis " + i);
            List<String> refs = ReferenceFiles.segmentRefs(text.get("refs"), i);
            List<String> tokRefs = ReferenceFiles.segmentRefs(tokenized.get("refs"), i);
            for (int k = 0; k < refs.size(); k++) {
                String r = refs.get(k);
                assertEquals(tokRefs.get(k), r == null ? null : seg.normalizer().process(seg.normalizer().process(r)),
                        id + ": processed reference " + k + " of segment " + i);
            }
            int[] per = new int[refs.size()];
            seg.compute(hyps.get(i), refs, per);
            List<Object> expectedPer = (List<Object>) refEdits.get(i);
            for (int k = 0; k < per.length; k++) {
                Object x = expectedPer.get(k);
                assertEquals(x == null ? -1 : ((Number) x).intValue(), per[k], id + ": edits of segment " + i + " against reference " + k);
            }
            Map<String, Object> s = (Map<String, Object>) sentences.get(i);
            assertEquals(((Number) s.get("num_edits")).longValue(), seg.edits(), id + ": sentence edits " + i);
            assertEquals(num(s.get("ref_length")), seg.refLength(), id + ": sentence ref_length " + i);
            double score = TerSegmenter.score(seg.edits(), seg.refLength());
            assertTrue(close(num(s.get("score")), score, REL), id + ": sentence score " + i);
            assertEquals(s.get("score_2dp"), PythonFormat.fixed(score, 2), id + ": sentence score_2dp " + i);
            metric.add(state, TestObservation.at(i).with("hypothesis", hyps.get(i)).with("references", refs).build());
        }
        checkCorpus(id, (Map<String, Object>) v.get("corpus"), metric.result(state), opt);
    }

    private static void checkCorpus(String id, Map<String, Object> corpus, MetricValue v, TerOptions opt) {
        assertEquals(num(corpus.get("num_edits")), v.value("num_edits"), id + ": num_edits");
        assertEquals(num(corpus.get("ref_length")), v.value("ref_length"), id + ": ref_length");
        assertTrue(close(num(corpus.get("score")), v.value("score"), REL),
                id + ": score expected " + corpus.get("score") + " but was " + v.value("score"));
        assertEquals(corpus.get("score_2dp"), PythonFormat.fixed(v.value("score"), 2), id + ": score_2dp");
        assertEquals(corpus.get("formatted"), "TER = " + PythonFormat.fixed(v.value("score"), 2), id + ": formatted");
        String signature = (String) v.tables().get("signature").rows().get(0).get(0);
        assertEquals(corpus.get("signature"), signature, id + ": signature");
        String nrefs = signature.substring("nrefs:".length(), signature.indexOf('|'));
        assertEquals(corpus.get("signature_short"), opt.shortSignature(nrefs), id + ": short signature");
        assertEquals(corpus.get("formatted_with_signature"), "TER|" + signature + " = " + PythonFormat.fixed(v.value("score"), 2),
                id + ": formatted with signature");
    }

    @Test
    @SuppressWarnings("unchecked")
    void corpus10kPerSegment() {
        Map<String, Object> line = ReferenceFiles.jsonLines("ter_vectors.jsonl").stream()
                .filter(c -> c.get("id").equals("large-10k-ter-default")).findFirst().orElseThrow();
        Map<String, Object> v = (Map<String, Object>) ((Map<String, Object>) line.get("ter")).get("default");
        TerOptions opt = options((Map<String, Object>) v.get("args"));
        List<Object> edits = (List<Object>) v.get("segment_num_edits");
        List<Object> lengths = (List<Object>) v.get("segment_ref_length");
        TerSegmenter seg = new TerSegmenter(opt);
        Metric<TerState> metric = metric(opt);
        TerState state = metric.newState();
        List<Map<String, Object>> corpus = ReferenceFiles.corpus10k();
        assertEquals(edits.size(), corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            Map<String, Object> c = corpus.get(i);
            seg.compute((String) c.get("hyp"), (List<String>) c.get("refs"));
            assertEquals(((Number) edits.get(i)).intValue(), seg.edits(), "edits of segment " + i);
            assertEquals(num(lengths.get(i)), seg.refLength(), "ref_length of segment " + i);
            metric.add(state, TestObservation.at(i).with("hypothesis", c.get("hyp")).with("references", c.get("refs")).build());
        }
        checkCorpus("large-10k-ter-default", (Map<String, Object>) v.get("corpus"), metric.result(state), opt);
    }

    private static void example(String hyp, List<String> refs, TerOptions opt, int edits, double refLength, double score) {
        TerSegmenter seg = new TerSegmenter(opt);
        seg.compute(hyp, refs);
        assertEquals(edits, seg.edits(), hyp + " edits");
        assertEquals(refLength, seg.refLength(), hyp + " ref_length");
        assertEquals(score, TerSegmenter.score(seg.edits(), seg.refLength()), 1e-12, hyp + " score");
    }

    /** The worked examples of TER.md §3.5 (sacreBLEU 2.6.0 {@code sentence_score}), copied from its table. */
    @Test
    void workedExamplesOfTerMd() {
        TerOptions def = new TerOptions(false, false, false, false);
        example("the cat sat on the mat", List.of("on the mat sat the cat"), def, 2, 6.0, 33.33333333333333);
        // the "natural" move would give 2; sacreBLEU's slicing moves the block past t - s words
        example("c d d d a", List.of("a d c d d"), def, 3, 5.0, 60.0);
        // the beam (w = 25, ratio 33.3) hides the exact distance 97
        example("a b c", List.of("a b c" + " x".repeat(97)), def, 100, 100.0, 100.0);
        // hits the 1000-candidate cap in the first round, so the shift found there is discarded (else 2 edits)
        example("a b a a b b b b a b a b a b b b a a a b b b b b a b b b b a a a b",
                List.of("a b b a b a b a b b b a a a b b b b a b b b b a b a b b b a a a b"), def, 9, 33.0, 27.27272727272727);
        // references are preprocessed twice: the possessive before '.' is split only there
        example("the dog of John's.", List.of("the dog of John's."), new TerOptions(true, false, false, false), 2, 6.0,
                33.33333333333333);
        example("Hello, World!", List.of("hello world"), new TerOptions(false, true, false, false), 0, 2.0, 0.0);
        example("Hello, World!", List.of("hello world"), new TerOptions(false, true, false, true), 2, 2.0, 100.0);
        example("これはテスト。漢字", List.of("これは テスト 。漢字"), new TerOptions(true, false, true, false), 2, 5.0, 40.0);
        example("", List.of("a b c"), def, 3, 3.0, 100.0);
        example("a b", List.of(""), def, 2, 0.0, 100.0);
        example("", List.of(""), def, 0, 0.0, 0.0);
        example("a b", List.of("", "a b c"), def, 1, 1.5, 66.66666666666666);
        example("a b c d", List.of("", "x y"), def, 4, 1.0, 400.0);
        example("x", Arrays.asList(null, "x y"), def, 1, 2.0, 50.0);
    }
}
