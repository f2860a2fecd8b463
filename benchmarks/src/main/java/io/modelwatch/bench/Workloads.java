package io.modelwatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded JSON Lines workloads for the benchmarks, one per kind of monitor, with the YAML that
 * monitors them.
 */
final class Workloads {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final boolean FULL_DIGITS = Boolean.getBoolean("modelwatch.bench.full-digits");

    private Workloads() {
    }

    /** A workload kind: how to write its records and the monitor's YAML. */
    enum Kind {
        LATENCY, VISION, RECSYS, NLP
    }

    /** Writes {@code n} records of a kind; records are spread over one day. */
    static void write(Kind kind, Path file, int n, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String[]> corpus = kind == Kind.NLP ? Corpus.load() : List.of();
        long span = 86_400_000L;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                long t = START.toEpochMilli() + span * i / n;
                sb.append("{\"ts\":\"").append(Instant.ofEpochMilli(t)).append("\",\"request_id\":\"r-").append(i)
                        .append("\",\"latency_ms\":")
                        .append(String.format(Locale.ROOT, "%.1f", Math.exp(3.5 + 0.5 * random.nextDouble() * 2)))
                        .append(",\"error\":").append(random.nextInt(100) == 0 ? "\"timeout\"" : "null");
                switch (kind) {
                    case VISION: {
                        double[] p = new double[10];
                        double sum = 0;
                        for (int c = 0; c < 10; c++) {
                            p[c] = Math.exp(random.nextGaussian() * 2);
                            sum += p[c];
                        }
                        sb.append(",\"probs\":[");
                        for (int c = 0; c < 10; c++) {
                            double prob = p[c] / sum;
                            // Six decimals by default; -Dmodelwatch.bench.full-digits=true writes the shortest
                            // form that reads back exactly (up to 17 digits), as json.dumps of a float does.
                            sb.append(c == 0 ? "" : ",").append(FULL_DIGITS ? Double.toString(prob)
                                    : String.format(Locale.ROOT, "%.6f", prob));
                        }
                        sb.append("],\"label\":").append(random.nextInt(10));
                        break;
                    }
                    case RECSYS: {
                        sb.append(",\"recommended\":[");
                        for (int k = 0; k < 100; k++) {
                            sb.append(k == 0 ? "" : ",").append('"').append('i').append(random.nextInt(5000)).append('"');
                        }
                        sb.append("],\"clicked\":[");
                        int clicks = 1 + random.nextInt(3);
                        for (int k = 0; k < clicks; k++) {
                            sb.append(k == 0 ? "" : ",").append('"').append('i').append(random.nextInt(5000)).append('"');
                        }
                        sb.append(']');
                        break;
                    }
                    case NLP: {
                        String[] pair = corpus.get(i % corpus.size());
                        sb.append(",\"output\":{\"text\":").append(pair[0]).append("},\"gold\":").append(pair[1]);
                        break;
                    }
                    default:
                        break;
                }
                sb.append("}\n");
                w.write(sb.toString());
            }
        }
    }

    /** Returns the YAML of a static monitor over {@code file} for a kind. */
    static String yaml(Kind kind, Path file, int groups) {
        String metrics;
        String fields = "time: /ts, id: /request_id, latency: /latency_ms, failed: /error";
        switch (kind) {
            case VISION:
                fields += ", probs: /probs, label: /label";
                metrics = "      - type: vision.calibration\n";
                break;
            case RECSYS:
                fields += ", recommended: /recommended, relevant: /clicked";
                metrics = "      - type: recsys.ranking\n        params: { k: [10] }\n";
                break;
            case NLP:
                fields += ", hypothesis: /output/text, references: /gold";
                metrics = "      - type: nlp.bleu\n";
                break;
            default:
                metrics = "      - type: core.latency\n        params: { field: latency, unit: ms }\n"
                        + "      - type: core.error_rate\n        params: { field: failed }\n";
        }
        return "monitors:\n"
                + "  - name: bench\n"
                + "    mode: static\n"
                + "    source: { type: jsonl, path: \"" + file.toAbsolutePath() + "\" }\n"
                + "    fields: { " + fields + " }\n"
                + "    intervals: { groups: " + Math.max(2, groups) + ", enabled: " + (groups > 1) + " }\n"
                + "    metrics:\n" + metrics;
    }

    /** The shared 10k-segment corpus as JSON-encoded (hypothesis, references) pairs. */
    static final class Corpus {
        private Corpus() {
        }

        static List<String[]> load() throws IOException {
            Path file = Path.of(System.getProperty("modelwatch.reference.dir", "../shared/reference"), "bleu",
                    "corpus10k.jsonl");
            if (!Files.exists(file)) {
                throw new IOException("corpus not found at " + file.toAbsolutePath()
                        + "; pass -Dmodelwatch.reference.dir=<path to shared/reference>");
            }
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String[]> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(line);
                out.add(new String[] {mapper.writeValueAsString(node.get("hyp")), mapper.writeValueAsString(node.get("refs"))});
            }
            return out;
        }
    }
}
