package io.modelwatch.recsys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ranking reference vectors of {@code shared/reference/ranking/}, read in place (never copied):
 * the small cases of {@code ranking_vectors.jsonl} and the 10,000-user large set.
 */
public final class ReferenceAccess {
    private ReferenceAccess() {
    }

    /** One user of a case: the recommended ids in rank order and the graded judgements. */
    public record User(String name, List<String> recommended, Map<String, Object> relevance, List<String> scoredItems,
                double[] scores) {
        /** Returns whether any judgement has grade >= 1. */
        public boolean hasRelevant() {
            return relevance.values().stream().anyMatch(g -> ((Number) g).doubleValue() >= 1);
        }
    }

    /** One case: its users, catalog, popularity table and expected blocks. */
    public record Case(String id, List<Integer> ks, long numItems, double tailRatio, List<String[]> popularity,
                List<User> users, Map<String, Object> expected) {
    }

    public static Path dir() {
        String prop = System.getProperty("modelwatch.reference.dir");
        Path base = prop != null ? Path.of(prop) : Path.of("../../shared/reference");
        return base.resolve("ranking");
    }

    public static String id(Object o) {
        if (o instanceof Long l) {
            return Long.toString(l);
        }
        return o.toString();
    }

    @SuppressWarnings("unchecked")
    public static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir().resolve("ranking_vectors.jsonl"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> c = (Map<String, Object>) Json.parse(line);
                Map<String, Object> in = (Map<String, Object>) c.get("input");
                List<Integer> ks = new ArrayList<>();
                for (Object k : (List<Object>) in.get("ks")) {
                    ks.add(((Long) k).intValue());
                }
                List<String[]> pop = new ArrayList<>();
                for (Object row : (List<Object>) in.get("item_popularity")) {
                    List<Object> r = (List<Object>) row;
                    pop.add(new String[] {id(r.get(0)), id(r.get(1))});
                }
                Map<String, Object> scored = (Map<String, Object>) in.get("scored");
                List<User> users = new ArrayList<>();
                for (Object uo : (List<Object>) in.get("users")) {
                    Map<String, Object> u = (Map<String, Object>) uo;
                    List<String> rec = new ArrayList<>();
                    for (Object item : (List<Object>) u.get("recommended")) {
                        rec.add(id(item));
                    }
                    Map<String, Object> rel = new LinkedHashMap<>();
                    for (Object jo : (List<Object>) u.get("relevance")) {
                        List<Object> j = (List<Object>) jo;
                        rel.put(id(j.get(0)), j.get(1));
                    }
                    String name = (String) u.get("user");
                    List<String> scoredItems = null;
                    double[] scores = null;
                    if (scored != null && scored.containsKey(name)) {
                        List<Object> pairs = (List<Object>) scored.get(name);
                        scoredItems = new ArrayList<>();
                        scores = new double[pairs.size()];
                        for (int i = 0; i < pairs.size(); i++) {
                            List<Object> p = (List<Object>) pairs.get(i);
                            scoredItems.add(id(p.get(0)));
                            scores[i] = ((Number) p.get(1)).doubleValue();
                        }
                    }
                    users.add(new User(name, rec, rel, scoredItems, scores));
                }
                out.add(new Case((String) c.get("id"), ks, ((Number) in.get("num_items")).longValue(),
                        ((Number) in.get("tail_ratio")).doubleValue(), pop, users,
                        (Map<String, Object>) c.get("expected")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The large set: 10,000 users with lists of 100 and graded relevance; its popularity file path. */
    public static List<User> largeUsers() {
        try {
            Map<String, Map<String, Object>> rel = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(dir().resolve("ranking_large_relevance.csv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                rel.computeIfAbsent(f[0], u -> new LinkedHashMap<>()).put(f[1], Long.parseLong(f[2].trim()));
            }
            List<User> users = new ArrayList<>();
            List<String> recs = Files.readAllLines(dir().resolve("ranking_large_recs.csv"), StandardCharsets.UTF_8);
            for (String line : recs.subList(1, recs.size())) {
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                String user = line.substring(0, comma);
                List<String> items = List.of(line.substring(comma + 1).trim().split(" "));
                users.add(new User(user, items, rel.getOrDefault(user, Map.of()), null, null));
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> largeExpected() {
        try {
            Map<String, Object> root = (Map<String, Object>) Json.parse(
                    Files.readString(dir().resolve("ranking_large_expected.json"), StandardCharsets.UTF_8));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
