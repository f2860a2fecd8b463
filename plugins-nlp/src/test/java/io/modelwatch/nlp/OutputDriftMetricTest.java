package io.modelwatch.nlp;

import static io.modelwatch.nlp.ReferenceFiles.close;
import static io.modelwatch.nlp.ReferenceFiles.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.nlp.drift.OutputDriftFactory;
import io.modelwatch.nlp.drift.OutputDriftState;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Merge laws, codec and golden state of {@code nlp.output_drift}, and its agreement with corpus
 * BLEU and chrF: with the 10k corpus's references as the "baseline outputs", it must give
 * sacreBLEU's corpus BLEU and chrF of that corpus (from {@code bleu_vectors.jsonl}).
 */
class OutputDriftMetricTest extends MetricConformanceTest<OutputDriftState> {
    private static Path seededBaseline;

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x85 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static Path write(List<String> lines) {
        try {
            Path file = Files.createTempFile("baseline", ".jsonl");
            file.toFile().deleteOnExit();
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path seededBaseline() {
        if (seededBaseline == null) {
            Random r = new Random(7);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                lines.add("{\"id\": " + json("id-" + i) + ", \"text\": " + json(TextSamples.sentence(r, 14)) + "}");
            }
            seededBaseline = write(lines);
        }
        return seededBaseline;
    }

    @Override
    protected Metric<OutputDriftState> metric() {
        return TestMetricSpec.of(new OutputDriftFactory()).param("baseline_file", seededBaseline().toString()).create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return TextSamples.records(random, 300);
    }

    @Test
    @SuppressWarnings("unchecked")
    void referencesAsBaselineGiveSacrebleuCorpusScores() {
        List<Map<String, Object>> corpus = ReferenceFiles.corpus10k();
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> c : corpus) {
            lines.add("{\"id\": \"seg-" + c.get("i") + "\", \"text\": " + json(((List<String>) c.get("refs")).get(0)) + "}");
        }
        Metric<OutputDriftState> m = TestMetricSpec.of(new OutputDriftFactory())
                .param("baseline_file", write(lines).toString()).create();
        OutputDriftState s = m.newState();
        for (Map<String, Object> c : corpus) {
            m.add(s, TestObservation.at(0).id("seg-" + c.get("i")).with("hypothesis", c.get("hyp")).build());
        }
        m.add(s, TestObservation.at(0).id("not-in-baseline").with("hypothesis", "x").build());
        MetricValue v = m.result(s);
        Map<String, Object> expected = ReferenceFiles.jsonLines("bleu_vectors.jsonl").stream()
                .filter(c -> c.get("id").equals("large-10k-13a-mixed-exp-noeff")).findFirst().orElseThrow();
        double bleu = num(((Map<String, Object>) expected.get("corpus")).get("score"));
        double chrf = num(((Map<String, Object>) expected.get("chrf")).get("score"));
        assertTrue(close(bleu, v.value("bleu"), 1e-9), "BLEU " + v.value("bleu") + " against " + bleu);
        assertTrue(close(chrf, v.value("chrf"), 1e-9), "chrF " + v.value("chrf") + " against " + chrf);
        assertEquals(corpus.size(), v.count());
        assertEquals(1.0, v.value("unmatched"));
    }

    @Test
    void joinsOnSourceTextAndRejectsMissingKeys() {
        Path file = write(List.of("{\"id\": \"a\", \"source\": \" Hallo Welt \", \"text\": \"hello world\"}", ""));
        Metric<OutputDriftState> m = TestMetricSpec.of(new OutputDriftFactory()).param("baseline_file", file.toString())
                .param("join_on", "source").create();
        OutputDriftState s = m.newState();
        m.add(s, TestObservation.at(0).with("source", "Hallo Welt").with("hypothesis", "hello world").build());
        m.add(s, TestObservation.at(0).with("hypothesis", "hello world").build());
        MetricValue v = m.result(s);
        assertEquals(1, v.count());
        assertEquals(1, v.rejected());
        assertEquals(1.0, v.value("identical_rate"));
        assertEquals(100.0, v.value("chrf"), 1e-9);
    }

    @Test
    void aMalformedBaselineFailsAtCreationNamingTheLine() {
        Path file = write(List.of("{\"id\": \"a\", \"text\": \"ok\"}", "{not json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestMetricSpec
                .of(new OutputDriftFactory()).param("baseline_file", file.toString()).create());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
