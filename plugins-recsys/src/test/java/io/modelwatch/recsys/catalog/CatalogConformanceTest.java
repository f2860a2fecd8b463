package io.modelwatch.recsys.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.testkit.MetricConformanceTest;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.testkit.TestObservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Merge laws, codec and golden state of {@code recsys.catalog} with a popularity file, on random
 * lists with repeats, scores, items missing from the popularity file and bad records.
 */
class CatalogConformanceTest extends MetricConformanceTest<CatalogState> {
    private static Path popularityFile;

    static synchronized Path popularityFile() {
        if (popularityFile == null) {
            try {
                Path file = Files.createTempFile("recsys-popularity", ".csv");
                file.toFile().deleteOnExit();
                List<String> lines = new ArrayList<>();
                lines.add("item,count");
                for (int i = 0; i < 30; i++) { // i30..i39 have no entry
                    lines.add("i" + i + "," + (1000 / (i + 1)));
                }
                Files.write(file, lines);
                popularityFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return popularityFile;
    }

    /** The bound of distinct items this configuration counts exactly. */
    protected long maxItems() {
        return 100_000;
    }

    @Override
    protected Metric<CatalogState> metric() {
        return TestMetricSpec.of(new CatalogFactory())
                .param("k", List.of(1L, 5L, 10L))
                .param("catalog_size", 50L)
                .param("item_popularity", popularityFile().toString())
                .param("duplicates", "raw")
                .param("unknown_popularity", "skip")
                .param("max_items", maxItems())
                .create();
    }

    @Override
    protected List<Observation> observations(Random random) {
        return records(random);
    }

    /** Random lists of 0 to 13 items from i0..i39, with repeats, ties in scores and bad records. */
    static List<Observation> records(Random random) {
        List<Observation> out = new ArrayList<>();
        int n = 200 + random.nextInt(100);
        for (int r = 0; r < n; r++) {
            int len = random.nextInt(14);
            List<Object> rec = new ArrayList<>();
            for (int i = 0; i < len; i++) {
                rec.add("i" + random.nextInt(40));
            }
            TestObservation.Builder b = TestObservation.at(r * 1000L).id("r" + r);
            int kind = random.nextInt(15);
            if (kind == 0) {
                b.with("other", rec); // recommended missing: rejected
            } else if (kind == 1) {
                b.with("recommended", rec).with("scores", new double[len + 1]); // scores do not match: rejected
            } else {
                if (kind == 2 && !rec.isEmpty()) {
                    rec.set(0, null); // a null id: rejected
                }
                b.with("recommended", rec);
                if (kind == 3) {
                    double[] scores = new double[len];
                    for (int i = 0; i < len; i++) {
                        scores[i] = random.nextInt(3);
                    }
                    b.with("scores", scores);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void workedExampleByHand() throws IOException {
        // Catalog of 4 items, popularity a=10, b=5, c=1 (d unknown), tail = first max(floor(3*0.5),1) = 1 item: c.
        // Users at k=2: [a, b] and [a, c]. Counts a=2, b=1, c=1, d=0.
        // coverage = 3/4; catalog Gini sorted (0,1,1,2): (-3*0 - 1*1 + 1*1 + 3*2) / (4 * 4) = 6/16;
        // recommended-only Gini (1,1,2): (-2*1 + 0*1 + 2*2) / (2 * 4) = 2/8;
        // avg popularity = mean(7.5, 5.5) = 6.5; tail share = mean(0, 0.5) = 0.25.
        Path file = Files.createTempFile("pop", ".csv");
        file.toFile().deleteOnExit();
        Files.write(file, List.of("item,count", "a,10", "b,5", "c,1"));
        Metric<CatalogState> m = TestMetricSpec.of(new CatalogFactory())
                .param("k", List.of(2L)).param("catalog_size", 4L).param("item_popularity", file.toString())
                .param("tail_ratio", 0.5).create();
        CatalogState s = m.newState();
        m.add(s, TestObservation.at(0).with("recommended", List.of("a", "b", "x")).build());
        m.add(s, TestObservation.at(0).with("recommended", List.of("a", "c")).build());
        MetricValue v = m.result(s);
        assertEquals(0.75, v.value("coverage@2"), 1e-15);
        assertEquals(6.0 / 16, v.value("gini@2"), 1e-15);
        assertEquals(2.0 / 8, v.value("gini_recommended@2"), 1e-15);
        assertEquals(6.5, v.value("avg_popularity@2"), 1e-15);
        assertEquals(0.25, v.value("tail_share@2"), 1e-15);
        assertEquals(3.0, v.value("distinct_items@2"));
    }

    @Test
    void beyondTheItemBoundCoverageAndDistinctItemsAreEstimatedAndGiniIsUndefined() {
        Metric<CatalogState> m = TestMetricSpec.of(new CatalogFactory())
                .param("k", List.of(10L)).param("catalog_size", 100L).param("max_items", 5L).create();
        CatalogState a = m.newState();
        CatalogState b = m.newState();
        m.add(a, TestObservation.at(0).with("recommended", List.of("1", "2", "3")).build());
        m.add(b, TestObservation.at(0).with("recommended", List.of("4", "5", "6", "1")).build());
        assertEquals(3.0, m.result(a).value("distinct_items@10"));
        assertEquals(0.0, m.result(a).value("gini_recommended@10"), 1e-15, "exact below the bound");
        m.merge(a, b);
        MetricValue v = m.result(a);
        // Six distinct items: a HyperLogLog sketch in coupon mode is within 0.1% there.
        assertEquals(6.0, v.value("distinct_items@10"), 6e-3);
        assertEquals(0.06, v.value("coverage@10"), 6e-5);
        assertNull(v.value("gini@10"));
        assertNull(v.value("gini_recommended@10"));
        assertEquals(2, v.count());
    }

    @Test
    void aStateOfCodecVersionOneThatOverflowedDecodesWithUndefinedDistinctCounts() throws IOException {
        // The version-1 golden state of the overflow test overflowed before sketches existed.
        Path v1 = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden",
                "CatalogOverflowConformanceTest", "v1.state");
        Metric<CatalogState> m = new CatalogOverflowConformanceTest().metric();
        CatalogState lost = m.codec().fromBytes(Files.readAllBytes(v1));
        CatalogState fresh = m.newState();
        m.add(fresh, TestObservation.at(0).with("recommended", List.of("i1", "i2")).build());
        m.merge(fresh, lost);
        MetricValue v = m.result(fresh);
        assertNull(v.value("distinct_items@10"));
        assertNull(v.value("coverage@10"));
        assertEquals(m.result(lost).count() + 1, v.count());
    }

    @Test
    void aBadPopularityFileIsAConfigurationErrorNamingTheLine() throws IOException {
        Path file = Files.createTempFile("pop", ".csv");
        file.toFile().deleteOnExit();
        Files.write(file, List.of("item,count", "a,10", "b,many"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestMetricSpec
                .of(new CatalogFactory()).param("item_popularity", file.toString()).create());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
