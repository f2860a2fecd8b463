package io.modelwatch.core.config;

import java.util.Collection;
import java.util.Optional;

/** Finds the closest valid choice to a misspelt name, for "did you mean" hints. */
public final class Suggestions {
    private Suggestions() {
    }

    /** Returns the choice closest to {@code given} when it is close enough to be a likely typo. */
    public static Optional<String> closest(String given, Collection<String> choices) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : choices) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int limit = Math.max(2, Math.min(given.length(), best.length()) / 3);
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Returns " Did you mean 'x'?" or an empty string. */
    public static String didYouMean(String given, Collection<String> choices) {
        return closest(given, choices).map(c -> " Did you mean '" + c + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
