package io.modelwatch.bench.recsys;

import io.modelwatch.bench.EndToEnd;
import io.modelwatch.core.kernel.MonitorStats;
import io.modelwatch.core.kernel.WindowResult;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The end-to-end harness of the ranx comparison in {@code shared/reference/ranking/README.md}:
 * writes 100,000 users (by default) with 100 distinct recommended items each from a 20,000-item
 * catalog and about 6 graded relevant items (Poisson(6), grades 1..4, about half of them in the
 * list) to a JSON Lines file, then runs a static monitor over it through the real engine (reader,
 * decoder, one shard, no intervals) and prints the wall-clock seconds of each run from the file to
 * the result.
 *
 * <p>The monitor computes ranx's 7 metrics at k = 10 with ranx's conventions: two
 * {@code recsys.ranking} metrics ({@code ndcg_gain: linear} for hit rate, precision, recall, MRR,
 * NDCG and MAP, and {@code exponential} for ranx's {@code ndcg_burges}), with
 * {@code users_without_relevant: zero} and {@code map_denominator: r}. {@code --catalog} adds
 * {@code recsys.catalog} at k = 10. The first run includes JIT warm-up; ranx's 2.28 s was measured
 * with its JIT warmed up and its typed lists prebuilt (no parsing), so compare with the later runs.
 * For one core, pin the JVM: {@code taskset -c 0 java ...}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.modelwatch.bench.recsys.RecsysEndToEnd [users] [runs] [--catalog]</pre>
 */
public final class RecsysEndToEnd {
    /** ranx's median at 7 metrics, k = 10, 100,000 users (reference README, 2 threads, no parsing). */
    static final double RANX_SECONDS = 2.28;
    /** RecBole's median on the same workload (5 cut-offs). */
    static final double RECBOLE_SECONDS = 4.12;
    static final int CATALOG = 20_000;
    static final int LIST = 100;

    private RecsysEndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        boolean catalog = false;
        for (String a : args) {
            if (a.equals("--catalog")) {
                catalog = true;
            } else {
                positional.add(a);
            }
        }
        int users = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100_000;
        int runs = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 5;
        Path dir = Files.createTempDirectory("modelwatch-recsys-e2e");
        Path file = dir.resolve("recsys.jsonl");
        write(file, users, 99);
        Path config = dir.resolve("bench.yaml");
        Files.writeString(config, yaml(file, catalog));
        System.out.printf(Locale.ROOT, "%,d users x %d items (%,d-item catalog), %,d bytes of JSON Lines; metrics: ranx's 7 at k=10%s%n",
                users, LIST, CATALOG, Files.size(file), catalog ? " + recsys.catalog" : "");
        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            System.gc();
            long t0 = System.nanoTime();
            List<WindowResult> results = runOnce(config, dir, users);
            seconds[run] = (System.nanoTime() - t0) / 1e9;
            if (run == 0) {
                for (WindowResult r : results) {
                    System.out.printf(Locale.ROOT, "  %s: %d accepted, %d rejected, %s%n", r.metric(), r.count(), r.rejected(), r.values());
                }
            }
            // The libraries' times scale to this many users (they are for 100,000).
            System.out.printf(Locale.ROOT, "run %d: %.3f s, %,.0f users/s; %.2fx ranx (%.2f s per 100k), %.2fx RecBole (%.2f s per 100k)%n",
                    run + 1, seconds[run], users / seconds[run], RANX_SECONDS * users / 100_000.0 / seconds[run], RANX_SECONDS,
                    RECBOLE_SECONDS * users / 100_000.0 / seconds[run], RECBOLE_SECONDS);
        }
        if (runs > 1) {
            double[] later = Arrays.copyOfRange(seconds, 1, runs);
            Arrays.sort(later);
            double median = later.length % 2 == 1 ? later[later.length / 2]
                    : (later[later.length / 2 - 1] + later[later.length / 2]) / 2;
            System.out.printf(Locale.ROOT, "median of runs 2..%d: %.3f s, %,.0f users/s, %.2fx ranx%n",
                    runs, median, users / median, RANX_SECONDS * users / 100_000.0 / median);
        }
    }

    /** Writes {@code users} seeded records: ts, request_id, recommended (100 ids), relevant (id -> grade). */
    static void write(Path file, int users, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        long start = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        int[] list = new int[LIST];
        boolean[] used = new boolean[CATALOG];
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(2048);
            for (int u = 0; u < users; u++) {
                for (int i = 0; i < LIST; i++) {
                    int item;
                    do {
                        item = random.nextInt(CATALOG);
                    } while (used[item]);
                    used[item] = true;
                    list[i] = item;
                }
                sb.setLength(0);
                sb.append("{\"ts\":\"").append(Instant.ofEpochMilli(start + 86_400_000L * u / users))
                        .append("\",\"request_id\":\"u").append(u).append("\",\"recommended\":[");
                for (int i = 0; i < LIST; i++) {
                    sb.append(i == 0 ? "\"i" : ",\"i").append(list[i]).append('"');
                }
                sb.append("],\"relevant\":{");
                int relevant = poisson(random, 6.0);
                int written = 0;
                for (int r = 0; r < relevant; r++) {
                    int item = random.nextBoolean() ? list[random.nextInt(LIST)] : random.nextInt(CATALOG);
                    String id = "\"i" + item + "\":";
                    if (sb.indexOf(id, sb.lastIndexOf("\"relevant\"")) >= 0) {
                        continue; // a repeated judgement
                    }
                    sb.append(written++ == 0 ? "" : ",").append(id).append(1 + random.nextInt(4));
                }
                sb.append("}}\n");
                w.write(sb.toString());
                for (int i = 0; i < LIST; i++) {
                    used[list[i]] = false;
                }
            }
        }
    }

    private static int poisson(SplittableRandom random, double mean) {
        double l = Math.exp(-mean);
        int n = 0;
        double p = random.nextDouble();
        while (p > l) {
            n++;
            p *= random.nextDouble();
        }
        return n;
    }

    static String yaml(Path file, boolean catalog) {
        String ranx = "users_without_relevant: zero, map_denominator: r";
        return "monitors:\n"
                + "  - name: bench\n"
                + "    mode: static\n"
                + "    source: { type: jsonl, path: \"" + file.toAbsolutePath() + "\" }\n"
                + "    fields: { time: /ts, id: /request_id, recommended: /recommended, relevant: /relevant }\n"
                + "    intervals: { enabled: false }\n"
                + "    metrics:\n"
                + "      - type: recsys.ranking\n"
                + "        params: { k: [10], ndcg_gain: linear, " + ranx + " }\n"
                + "      - type: recsys.ranking\n"
                + "        name: ndcg-burges\n"
                + "        params: { k: [10], ndcg_gain: exponential, " + ranx + " }\n"
                + (catalog ? "      - type: recsys.catalog\n        params: { k: [10], catalog_size: " + CATALOG + " }\n" : "");
    }

    private static List<WindowResult> runOnce(Path config, Path dir, int users) throws InterruptedException {
        EndToEnd.Run run = EndToEnd.run(config, dir);
        MonitorStats s = run.stats().get(0);
        if (s.deadLettered() > 0 || s.records() != users) {
            throw new IllegalStateException(s.records() + " records read and " + s.deadLettered()
                    + " dead-lettered; expected " + users + " and 0");
        }
        return run.results();
    }
}
