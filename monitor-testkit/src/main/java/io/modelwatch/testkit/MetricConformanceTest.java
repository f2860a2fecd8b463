package io.modelwatch.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.StateCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conformance test every metric's test class extends. It checks the laws that let the host
 * split, merge and checkpoint states freely:
 * <ul>
 *   <li>merging an empty state changes nothing, on either side;</li>
 *   <li>merge is associative and commutative;</li>
 *   <li>any random split of a seeded input, merged in any order, equals one pass;</li>
 *   <li>{@code result} does not change the state;</li>
 *   <li>the codec round-trips at every step, and a decoded state keeps accepting records;</li>
 *   <li>golden state files written by earlier releases still decode to the same result.</li>
 * </ul>
 *
 * <p>Golden files live in {@code src/test/resources/golden/<test class simple name>/}: a
 * {@code v<version>.state} file (the codec's bytes for the input of seed {@link #GOLDEN_SEED}) and
 * a {@code v<version>.result} file (its rendered result). Run the tests once with
 * {@code -Dmodelwatch.golden.write=true} to write the current version's files, and commit them;
 * old versions' files are never deleted.
 *
 * @param <S> the metric's state type
 */
public abstract class MetricConformanceTest<S> {
    /** The seed of the input whose state is stored as a golden file. */
    public static final long GOLDEN_SEED = 20261203L;

    /** Returns the metric under test, configured as the subclass chooses. */
    protected abstract Metric<S> metric();

    /**
     * Returns a seeded input for the metric: a few hundred records that exercise its branches,
     * including some bad records it must count as rejected. The same seed must give the same list.
     */
    protected abstract List<Observation> observations(Random random);

    /** Returns the relative tolerance for comparing results of different merge orders. */
    protected double tolerance() {
        return 1e-9;
    }

    private S fill(Metric<S> m, List<Observation> records) {
        S state = m.newState();
        for (Observation o : records) {
            m.add(state, o);
        }
        return state;
    }

    private List<Observation> input(long seed) {
        List<Observation> records = observations(new Random(seed));
        assertFalse(records.isEmpty(), "observations() returned no records");
        return records;
    }

    @Test
    void mergingAnEmptyStateIsTheIdentity() {
        Metric<S> m = metric();
        List<Observation> records = input(1);
        MetricValue expected = m.result(fill(m, records));

        S left = fill(m, records);
        m.merge(left, m.newState());
        MetricValues.assertClose(expected, m.result(left), 0.0, "state merged with an empty state");

        S right = m.newState();
        m.merge(right, fill(m, records));
        MetricValues.assertClose(expected, m.result(right), 0.0, "empty state merged with a state");

        S empty = m.newState();
        m.merge(empty, m.newState());
        MetricValues.assertClose(m.result(m.newState()), m.result(empty), 0.0, "two empty states merged");
    }

    @Test
    void mergeIsAssociativeAndCommutative() {
        Metric<S> m = metric();
        List<Observation> records = input(2);
        int third = records.size() / 3;
        List<Observation> a = records.subList(0, third);
        List<Observation> b = records.subList(third, 2 * third);
        List<Observation> c = records.subList(2 * third, records.size());

        S ab = fill(m, a);
        m.merge(ab, fill(m, b));
        m.merge(ab, fill(m, c));

        S bc = fill(m, b);
        m.merge(bc, fill(m, c));
        S aBc = fill(m, a);
        m.merge(aBc, bc);
        MetricValues.assertClose(m.result(ab), m.result(aBc), tolerance(), "(a+b)+c against a+(b+c)");

        S cba = fill(m, c);
        m.merge(cba, fill(m, b));
        m.merge(cba, fill(m, a));
        MetricValues.assertClose(m.result(ab), m.result(cba), tolerance(), "(a+b)+c against (c+b)+a");
    }

    @Test
    void anySplitMergedInAnyOrderEqualsOnePass() {
        Metric<S> m = metric();
        for (long seed = 10; seed < 18; seed++) {
            List<Observation> records = input(seed);
            MetricValue expected = m.result(fill(m, records));
            Random random = new Random(seed * 31);
            int parts = 1 + random.nextInt(8);
            List<List<Observation>> split = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                split.add(new ArrayList<>());
            }
            for (Observation o : records) {
                split.get(random.nextInt(parts)).add(o);
            }
            List<S> states = new ArrayList<>();
            for (List<Observation> part : split) {
                states.add(fill(m, part));
            }
            Collections.shuffle(states, random);
            while (states.size() > 1) {
                int i = random.nextInt(states.size());
                S source = states.remove(i);
                int j = random.nextInt(states.size());
                m.merge(states.get(j), source);
            }
            MetricValues.assertClose(expected, m.result(states.get(0)), tolerance(),
                    "input of seed " + seed + " split into " + parts + " parts");
        }
    }

    @Test
    void resultDoesNotChangeTheState() {
        Metric<S> m = metric();
        S state = fill(m, input(3));
        byte[] before = m.codec().toBytes(state);
        MetricValue first = m.result(state);
        MetricValue second = m.result(state);
        assertArrayEquals(before, m.codec().toBytes(state), "result() changed the state's encoding");
        MetricValues.assertClose(first, second, 0.0, "result() read twice");
    }

    @Test
    void mergeDoesNotChangeItsSource() {
        Metric<S> m = metric();
        List<Observation> records = input(4);
        S source = fill(m, records.subList(0, records.size() / 2));
        byte[] before = m.codec().toBytes(source);
        S target = fill(m, records.subList(records.size() / 2, records.size()));
        m.merge(target, source);
        assertArrayEquals(before, m.codec().toBytes(source), "merge() changed its source");
    }

    @Test
    void codecRoundTripsAtEveryStep() {
        Metric<S> m = metric();
        StateCodec<S> codec = m.codec();
        assertTrue(codec.version() >= 1, "codec version must be at least 1");
        List<Observation> records = input(5);
        S state = m.newState();
        S restored = codec.fromBytes(codec.toBytes(state));
        MetricValues.assertClose(m.result(state), m.result(restored), 0.0, "empty state round-trip");
        for (int i = 0; i < records.size(); i++) {
            m.add(state, records.get(i));
            m.add(restored, records.get(i));
            byte[] bytes = codec.toBytes(state);
            S decoded = codec.fromBytes(bytes);
            assertArrayEquals(bytes, codec.toBytes(decoded), "re-encoding a decoded state after record " + i);
            MetricValues.assertClose(m.result(state), m.result(decoded), 0.0, "decoded state after record " + i);
            MetricValues.assertClose(m.result(state), m.result(restored), tolerance(),
                    "a decoded state that kept accepting records, after record " + i);
            restored = decoded;
        }
    }

    @Test
    void goldenStatesStillDecode() throws IOException {
        Metric<S> m = metric();
        StateCodec<S> codec = m.codec();
        Path dir = goldenDirectory();
        Path currentState = dir.resolve("v" + codec.version() + ".state");
        if (Boolean.getBoolean("modelwatch.golden.write") && !Files.exists(currentState)) {
            S state = fill(m, input(GOLDEN_SEED));
            Files.createDirectories(dir);
            Files.write(currentState, codec.toBytes(state));
            Files.writeString(dir.resolve("v" + codec.version() + ".result"), MetricValues.render(m.result(state)));
        }
        List<Path> states;
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            states = files.filter(p -> p.getFileName().toString().endsWith(".state")).sorted().toList();
        }
        if (states.isEmpty()) {
            fail("no golden state in " + dir + ": run the tests once with -Dmodelwatch.golden.write=true and commit the files");
        }
        assertTrue(Files.exists(currentState), "no golden state for the current codec version " + codec.version()
                + " in " + dir + ": run the tests once with -Dmodelwatch.golden.write=true and commit the files");
        for (Path file : states) {
            S state = codec.fromBytes(Files.readAllBytes(file));
            String name = file.getFileName().toString().replace(".state", ".result");
            String expected = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            assertRenderedClose(expected, MetricValues.render(m.result(state)), file);
        }
    }

    private void assertRenderedClose(String expected, String actual, Path file) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        assertEquals(e.length, a.length, "golden " + file + ": result has a different shape\n" + actual);
        for (int i = 0; i < e.length; i++) {
            if (e[i].equals(a[i])) {
                continue;
            }
            int eq = e[i].indexOf('=');
            boolean sameKey = eq > 0 && a[i].startsWith(e[i].substring(0, eq + 1));
            try {
                if (sameKey && MetricValues.close(Double.parseDouble(e[i].substring(eq + 1)),
                        Double.parseDouble(a[i].substring(eq + 1)), tolerance())) {
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // not a number: the lines differ
            }
            fail("golden " + file + " line " + (i + 1) + ": expected " + e[i] + " but was " + a[i]);
        }
    }

    /** Returns the folder of this test's golden files. */
    protected Path goldenDirectory() {
        return Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden",
                getClass().getSimpleName());
    }
}
