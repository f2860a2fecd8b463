package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.generate.DemoGenerator;
import io.modelwatch.core.kernel.Engine;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.PluginManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code examples/nlp/nlp.yaml}, run as its header says: copied beside the
 * translation log the seeded generator writes with its defaults (seed 42, 7 days, 2,000 records a
 * day), built and run the way {@code modelwatch run} does. What {@code examples/nlp/README.txt}
 * says the run shows is checked here: the baseline days are not flagged, and from 2026-11-04 on
 * BLEU, chrF and chrF++ drop, TER rises and outputs get shorter, all significantly.
 */
class NlpExampleTest {
    /** The example, from this module's folder (where the build runs the tests). */
    private static final Path EXAMPLE = Path.of("../distribution/src/examples/nlp/nlp.yaml");

    @TempDir
    static Path dir;

    private static List<WindowResult> results;

    @BeforeAll
    static void runTheExample() throws Exception {
        Path config = dir.resolve("nlp.yaml");
        Files.copy(EXAMPLE, config);
        DemoGenerator generator = DemoGenerator.withDefaults();
        generator.writeTranslation(dir.resolve("data").resolve(DemoGenerator.TRANSLATION_FILE));
        assertEquals(Instant.parse("2026-11-04T00:00:00Z"), generator.degradedFrom());
        PluginManager plugins = new PluginManager();
        plugins.install(new CorePlugin());
        plugins.install(new NlpPlugin());
        ConfigLoader.Loaded loaded = new ConfigLoader(name -> null).load(config);
        loaded.errors().throwIfAny();
        List<MonitorPlan> plans = new PlanBuilder(plugins.registry()).build(loaded.config(), loaded.errors(), dir);
        loaded.errors().throwIfAny();
        Engine engine = new Engine(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC),
                dir.resolve("state"), 1, d -> {
                    throw new AssertionError("a static run never waits");
                });
        List<WindowResult> out = new ArrayList<>();
        engine.run(plans, out::addAll);
        results = List.copyOf(out);
    }

    /** The daily windows of a metric, in time order. */
    private static List<WindowResult> days(String metric) {
        List<WindowResult> days = results.stream().filter(r -> r.metric().equals(metric) && r.scope().equals("window"))
                .sorted((a, b) -> a.windowStart().compareTo(b.windowStart())).toList();
        assertEquals(7, days.size(), metric + " daily windows");
        return days;
    }

    private static boolean degraded(WindowResult r) {
        return !r.windowStart().isBefore(Instant.parse("2026-11-04T00:00:00Z"));
    }

    /** Checks that {@code output} moves in direction {@code sign} and is flagged exactly on the degraded days. */
    private static void flaggedFromTheFourth(String metric, String output, int sign) {
        for (WindowResult r : days(metric)) {
            String what = metric + " " + output + " on " + r.windowStart() + ": " + r.values().get(output) + ", delta "
                    + r.delta().get(output) + ", significant " + r.significant().get(output);
            assertNotNull(r.significant().get(output), what);
            assertEquals(degraded(r), r.significant().get(output), what);
            if (degraded(r)) {
                assertTrue(Math.signum(r.delta().get(output)) == sign, what);
            }
        }
    }

    @Test
    void referenceBasedScoresDropFromTheFourth() {
        flaggedFromTheFourth("nlp.bleu", "score", -1);
        flaggedFromTheFourth("nlp.bleu", "sentence_mean", -1);
        flaggedFromTheFourth("nlp.chrf", "score", -1);
        flaggedFromTheFourth("chrf_plus_plus", "score", -1);
        flaggedFromTheFourth("nlp.ter", "score", +1);
    }

    @Test
    void outputsGetShorterFromTheFourth() {
        flaggedFromTheFourth("nlp.text_stats", "length_mean", -1);
        flaggedFromTheFourth("nlp.text_stats", "length_ratio", -1);
    }

    @Test
    void referenceBasedMetricsUseTheRecordsWithGoldOnlyAndTextStatsEveryOutput() {
        List<WindowResult> bleu = days("nlp.bleu");
        List<WindowResult> stats = days("nlp.text_stats");
        for (int d = 0; d < 7; d++) {
            long referenced = bleu.get(d).count();
            double unreferenced = bleu.get(d).values().get("unreferenced");
            // about 30% of records carry a reference, and every record with an output has a source
            assertTrue(referenced > 0.25 * (referenced + unreferenced) && referenced < 0.35 * (referenced + unreferenced),
                    referenced + " referenced, " + unreferenced + " not");
            assertEquals((double) stats.get(d).count(), stats.get(d).values().get("with_source"));
            assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
                    bleu.get(d).tables().get("signature").rows().get(0).get(0));
        }
    }
}
