package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.kernel.Engine;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.PluginManager;
import io.modelwatch.nlp.bleu.BleuOptions;
import io.modelwatch.nlp.bleu.BleuScore;
import io.modelwatch.nlp.bleu.BleuSegmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BLEU drift on the 10k reference corpus through the kernel's baseline comparison: the records
 * are written as JSON Lines, and {@code nlp.bleu} runs in a static monitor built and run the way
 * {@code modelwatch run} does it (configuration → {@link PlanBuilder} → {@link Engine}), with one
 * half of the corpus as the monitor's source and the other half as its baseline file. The kernel
 * assigns records to its 32 random groups by id, gives each output a delete-a-group jackknife
 * interval, compares the window with the baseline by Welch's t and marks significance with
 * Benjamini–Hochberg at 1 − confidence over every compared output (DESIGN §4); the test only reads
 * the result's {@code intervals}, {@code delta} and {@code significant}. At the configured
 * confidence of 0.95:
 * <ul>
 *   <li>the kernel's interval of {@code score} on the whole corpus, averaged over ten sets of record
 *       ids (ten groupings), is as wide as the percentile interval of a 1,000-resample bootstrap
 *       over sentences, within a factor of 1.5;</li>
 *   <li>a degraded half (in one sentence of 20, every fourth hypothesis word dropped: 1.0–1.5 BLEU
 *       lower) is flagged against a baseline half, for each of 5 seeds;</li>
 *   <li>two random halves of the same data are flagged over 40 seeds at no more than about the
 *       nominal 5% rate (the rate is printed).</li>
 * </ul>
 * A seed draws the split into halves and the record ids, hence the kernel's groups.
 */
class BleuDriftIntervalTest {
    private static final double CONFIDENCE = 0.95;
    private static final BleuOptions OPTIONS = BleuOptions.corpusDefaults();
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final ObjectMapper JSON = ConfigLoader.jsonMapper();

    @TempDir
    static Path dir;

    private static List<String> hyps;
    private static List<String> degradedHyps;
    private static List<List<String>> refs;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void corpus() {
        List<Map<String, Object>> corpus = ReferenceFiles.corpus10k();
        hyps = new ArrayList<>();
        degradedHyps = new ArrayList<>();
        refs = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String hyp = (String) corpus.get(i).get("hyp");
            hyps.add(hyp);
            refs.add((List<String>) corpus.get(i).get("refs"));
            String[] words = hyp.split(" ");
            List<String> kept = new ArrayList<>();
            for (int w = 0; w < words.length; w++) {
                if (w % 4 != 3) {
                    kept.add(words[w]);
                }
            }
            degradedHyps.add(i % 20 == 0 ? String.join(" ", kept) : hyp);
        }
    }

    /** Writes the segments {@code rows} as JSON Lines records with ids {@code s<seed>-<i>}, all in one day. */
    private static Path write(String name, long seed, List<Integer> rows, List<String> hypotheses) {
        List<String> lines = new ArrayList<>(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("ts", T0.plusMillis(k).toString());
            record.put("id", "s" + seed + "-" + i);
            record.put("hyp", hypotheses.get(i));
            record.put("refs", refs.get(i));
            try {
                lines.add(JSON.writeValueAsString(record));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path file = dir.resolve(name);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs one static monitor with nlp.bleu over {@code source}, compared with {@code baseline} if not null. */
    private static WindowResult run(Path source, Path baseline) throws InterruptedException {
        String yaml = """
                monitors:
                  - name: drift
                    mode: static
                    source: { type: jsonl, path: "%s" }
                    fields: { time: /ts, id: /id, hypothesis: /hyp, references: /refs }
                    window: { size: 1d }
                    %s
                    intervals: { confidence: %s, groups: 32, method: jackknife }
                    metrics:
                      - type: nlp.bleu
                """.formatted(source.getFileName(),
                baseline == null ? "" : "baseline: { file: \"" + baseline.getFileName() + "\" }", CONFIDENCE);
        PluginManager plugins = new PluginManager();
        plugins.install(new CorePlugin());
        plugins.install(new NlpPlugin());
        ConfigLoader.Loaded loaded = new ConfigLoader(name -> null).parse(yaml, dir.resolve("drift.yaml"));
        List<MonitorPlan> plans = new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), dir);
        loaded.errors().throwIfAny();
        Engine engine = new Engine(Clock.fixed(T0.plusSeconds(86_400 * 10), ZoneOffset.UTC), dir.resolve("data"), 1,
                d -> {
                    throw new AssertionError("a static run never waits");
                });
        List<WindowResult> results = new ArrayList<>();
        engine.run(plans, results::addAll);
        List<WindowResult> windows = results.stream()
                .filter(r -> r.metric().equals("nlp.bleu") && r.scope().equals("window")).toList();
        assertEquals(1, windows.size(), "one daily window: " + results);
        return windows.get(0);
    }

    private static List<List<Integer>> halves(long seed) {
        Random random = new Random(seed);
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < hyps.size(); i++) {
            (random.nextBoolean() ? a : b).add(i);
        }
        return List.of(a, b);
    }

    @Test
    void kernelIntervalIsAsWideAsASentenceBootstrap() throws Exception {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < hyps.size(); i++) {
            all.add(i);
        }
        BleuSegmenter seg = new BleuSegmenter(OPTIONS);
        long[][] segments = new long[hyps.size()][10];
        long[] sum = new long[10];
        for (int i = 0; i < segments.length; i++) {
            seg.statistics(hyps.get(i), refs.get(i), segments[i]);
            for (int k = 0; k < 10; k++) {
                sum[k] += segments[i][k];
            }
        }
        int resamples = 1000;
        Random random = new Random(2);
        double[] scores = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            long[] s = new long[10];
            for (int i = 0; i < segments.length; i++) {
                long[] x = segments[random.nextInt(segments.length)];
                for (int k = 0; k < 10; k++) {
                    s[k] += x[k];
                }
            }
            scores[b] = BleuScore.of(s, OPTIONS).score();
        }
        Arrays.sort(scores);
        double alpha = (1 - CONFIDENCE) / 2;
        double bootWidth = scores[(int) Math.ceil((1 - alpha) * (resamples - 1))]
                - scores[(int) Math.floor(alpha * (resamples - 1))];

        // One window's jackknife on 32 groups has 31 degrees of freedom, so its width varies by about
        // 1/sqrt(62) = 13% with the grouping: compare the mean over ten id sets (ten groupings).
        int seeds = 10;
        double[] widths = new double[seeds];
        double meanWidth = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            WindowResult r = run(write("all-" + seed + ".jsonl", seed, all, hyps), null);
            // the window's score is the corpus score of the summed statistics
            assertEquals(BleuScore.of(sum, OPTIONS).score(), r.values().get("score"));
            double[] ci = r.intervals().get("score");
            widths[seed - 1] = ci[1] - ci[0];
            meanWidth += widths[seed - 1] / seeds;
        }
        double[] sorted = widths.clone();
        Arrays.sort(sorted);
        System.out.printf("BLEU 10k %.4f: kernel 95%% interval width (jackknife, 32 groups) mean %.4f over %d id sets"
                        + " (%.4f to %.4f); sentence bootstrap (1000) percentile width %.4f; ratio %.3f (%.3f to %.3f)%n",
                BleuScore.of(sum, OPTIONS).score(), meanWidth, seeds, sorted[0], sorted[seeds - 1], bootWidth,
                meanWidth / bootWidth, sorted[0] / bootWidth, sorted[seeds - 1] / bootWidth);
        assertTrue(meanWidth / bootWidth < 1.5 && bootWidth / meanWidth < 1.5,
                "kernel interval width " + meanWidth + " against bootstrap width " + bootWidth + ": " + Arrays.toString(widths));
    }

    @Test
    void aDegradedHalfIsFlagged() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            List<List<Integer>> h = halves(seed);
            Path baseline = write("baseline-" + seed + ".jsonl", seed, h.get(0), hyps);
            WindowResult r = run(write("degraded-" + seed + ".jsonl", seed, h.get(1), degradedHyps), baseline);
            double[] d = r.deltaIntervals().get("score");
            System.out.printf("seed %d: baseline %.2f, degraded %.2f, delta %.2f [%.2f, %.2f], significant %s%n", seed,
                    r.baseline().get("score"), r.values().get("score"), r.delta().get("score"), d[0], d[1],
                    r.significant().get("score"));
            assertTrue(r.delta().get("score") < 0 && d[1] < 0, "seed " + seed + ": delta " + r.delta().get("score")
                    + " in " + Arrays.toString(d));
            assertEquals(Boolean.TRUE, r.significant().get("score"), "seed " + seed + " not flagged: " + r.significant());
        }
    }

    @Test
    void halvesOfTheSameDataAreFlaggedAtAboutTheNominalRate() throws Exception {
        int seeds = 40;
        int alarms = 0;
        for (long seed = 100; seed < 100 + seeds; seed++) {
            List<List<Integer>> h = halves(seed);
            Path baseline = write("a-" + seed + ".jsonl", seed, h.get(0), hyps);
            WindowResult r = run(write("b-" + seed + ".jsonl", seed, h.get(1), hyps), baseline);
            assertTrue(r.significant().containsKey("score"), "score not compared: " + r.significant());
            if (r.significant().get("score")) {
                alarms++;
            }
        }
        System.out.printf("BLEU false alarms at confidence %.2f: %d of %d seeds (%.1f%%)%n", CONFIDENCE, alarms, seeds,
                100.0 * alarms / seeds);
        // at a true 5% rate, 6 or more alarms in 40 has probability about 1.4%
        assertTrue(alarms <= 5, alarms + " false alarms in " + seeds);
    }
}
