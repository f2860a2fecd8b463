package io.modelwatch.recsys.common;

import java.util.Comparator;

/**
 * The ascending order of item ids used to break ties (between equal scores, and between equal
 * popularity counts when the tail set is chosen).
 *
 * <p>Two ids that are both plain non-negative integers (digits only) compare as numbers, so
 * {@code "9" < "10"} as in the reference, whose ids are integers; otherwise ids compare as strings,
 * and a number sorts before a non-number. Stateless and thread-safe.
 */
public final class ItemIdOrder implements Comparator<String> {
    /** The shared instance. */
    public static final ItemIdOrder INSTANCE = new ItemIdOrder();

    private ItemIdOrder() {
    }

    @Override
    public int compare(String a, String b) {
        boolean na = isDigits(a);
        boolean nb = isDigits(b);
        if (na && nb) {
            int sa = firstNonZero(a);
            int sb = firstNonZero(b);
            int la = a.length() - sa;
            int lb = b.length() - sb;
            if (la != lb) {
                return Integer.compare(la, lb);
            }
            for (int i = 0; i < la; i++) {
                int c = Character.compare(a.charAt(sa + i), b.charAt(sb + i));
                if (c != 0) {
                    return c;
                }
            }
            return a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int firstNonZero(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return i;
    }
}
