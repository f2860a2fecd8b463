package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.nlp.drift.OutputDriftFactory;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the number of records: a state's encoded size after 20,000 records
 * (the 10k corpus twice) is the size after 10,000, and for the sum-of-statistics metrics
 * also the size after 100. {@code nlp.text_stats} grows only with the range of lengths seen (one
 * histogram bin per length up to 255, then 32 per power of two).
 */
class StateSizeTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static <S> int encodedSize(Metric<S> m, int records) throws IOException {
        List<Map<String, Object>> corpus = ReferenceFiles.corpus10k();
        S state = m.newState();
        for (int i = 0; i < records; i++) {
            Map<String, Object> c = corpus.get(i % corpus.size());
            m.add(state, TestObservation.at(i).id("seg-" + (i % corpus.size())).with("hypothesis", c.get("hyp"))
                    .with("references", c.get("refs")).with("source", ((List<String>) c.get("refs")).get(0)).build());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.codec().encode(state, new DataOutputStream(bytes));
        return bytes.size();
    }

    @SuppressWarnings("unchecked")
    private List<Metric<Object>> metrics() throws IOException {
        List<String> baseline = new ArrayList<>();
        for (Map<String, Object> c : ReferenceFiles.corpus10k()) {
            baseline.add("{\"id\": \"seg-" + c.get("i") + "\", \"text\": \"x\"}");
        }
        Path file = Files.write(dir.resolve("baseline.jsonl"), baseline, StandardCharsets.UTF_8);
        List<Metric<Object>> out = new ArrayList<>();
        for (MetricFactory f : new NlpPlugin().metricFactories()) {
            TestMetricSpec spec = TestMetricSpec.of(f);
            if (f.type().equals(OutputDriftFactory.TYPE)) {
                spec.param("baseline_file", file.toString());
            }
            out.add(spec.create());
        }
        out.add(TestMetricSpec.of(new io.modelwatch.nlp.chrf.ChrfFactory()).param("word_order", 2L).create());
        out.add(TestMetricSpec.of(new io.modelwatch.nlp.bleu.BleuFactory()).param("sentence_mean", true).create());
        return out;
    }

    @Test
    void encodedStatesDoNotGrowWithTheNumberOfRecords() throws IOException {
        for (Metric<Object> m : metrics()) {
            String what = m.getClass().getSimpleName();
            int tenK = encodedSize(m, 10_000);
            assertEquals(tenK, encodedSize(m, 20_000), what + " after 10,000 and 20,000 records");
            if (!what.equals("TextStatsMetric")) {
                assertEquals(tenK, encodedSize(m, 100), what + " after 100 and 10,000 records");
            } else {
                // lengths of the corpus are below 256 tokens: at most one bin per length seen
                assertTrue(tenK < 100 + 8 * 256, what + " " + tenK + " bytes");
            }
        }
    }
}
