package io.modelwatch.recsys.common;

import java.util.List;
import java.util.Locale;

/**
 * How repeated items inside one recommended list are treated (reference README, edge case 3).
 */
public enum Duplicates {
    /** Drop later repeats of an item, then cut at k (the primary convention). */
    DEDUP,
    /** Cut at k first; a repeated item scores 0 after its first position. */
    FIRST_OCCURRENCE,
    /** Every position is judged on its own, as positional implementations (and ranx on raw arrays) do. */
    RAW;

    /** The parameter values, in declaration order. */
    public static final List<String> CHOICES = List.of("dedup", "first_occurrence", "raw");

    /** Returns the convention named by a parameter value such as {@code "first_occurrence"}. */
    public static Duplicates of(String value) {
        for (Duplicates d : values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("duplicates must be one of " + CHOICES + ", not " + value);
    }
}
