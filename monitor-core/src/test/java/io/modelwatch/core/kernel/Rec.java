package io.modelwatch.core.kernel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A test prediction record in the demo's recommender shape, rendered as one JSON line.
 *
 * @param t event time in epoch milliseconds
 * @param id request id
 * @param latency latency in milliseconds
 * @param error an error message, or null
 * @param country a segment label
 */
record Rec(long t, String id, double latency, String error, String country) {
    String json() {
        return "{\"ts\":\"" + Instant.ofEpochMilli(t) + "\",\"request_id\":\"" + id + "\",\"model\":\"ranker-v3\","
                + "\"country\":\"" + country + "\",\"latency_ms\":" + latency + ",\"error\":"
                + (error == null ? "null" : "\"" + error + "\"") + "}";
    }

    static List<String> json(List<Rec> recs) {
        return recs.stream().map(Rec::json).toList();
    }

    /**
     * Returns {@code n} records at uniform random times in {@code [from, to)}, sorted by time,
     * with normal latencies (mean {@code mean}, sd 10) and a 5% error rate.
     */
    static List<Rec> random(Random random, int n, long from, long to, double mean, String... countries) {
        List<Rec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = from + (long) (random.nextDouble() * (to - from));
            double latency = Math.max(0, Math.round((mean + 10 * random.nextGaussian()) * 1000) / 1000.0);
            String error = random.nextDouble() < 0.05 ? "timeout" : null;
            String country = countries.length == 0 ? "de" : countries[random.nextInt(countries.length)];
            out.add(new Rec(t, "r-" + random.nextLong(), latency, error, country));
        }
        out.sort((a, b) -> Long.compare(a.t, b.t));
        return out;
    }
}
