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
            // On a tie prefer the choice as long as what was typed: 'modle' is 'model' swapped, not 'mode' plus a letter.
            if (d < bestDistance || d == bestDistance
                    && Math.abs(c.length() - given.length()) < Math.abs(best.length() - given.length())) {
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

    /** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
