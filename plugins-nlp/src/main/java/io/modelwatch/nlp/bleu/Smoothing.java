package io.modelwatch.nlp.bleu;

/** sacreBLEU's BLEU smoothing methods, with the default value each uses when none is given. */
public enum Smoothing {
    /** No smoothing: a zero precision makes the score 0 (unless effective order drops the order). */
    NONE("none", null),
    /** Halve the precision numerator cumulatively for each zero-match order (mteval "exp"). */
    EXP("exp", null),
    /** A zero-match order gets {@code smooth_value} (default 0.1) as its match count. */
    FLOOR("floor", 0.1),
    /** Add {@code smooth_value} (default 1) to matches and totals of orders 2 and up. */
    ADD_K("add-k", 1.0);

    private final String id;
    private final Double defaultValue;

    Smoothing(String id, Double defaultValue) {
        this.id = id;
        this.defaultValue = defaultValue;
    }

    /** Returns the name sacreBLEU uses ({@code exp}, {@code floor}, {@code add-k}, {@code none}). */
    public String id() {
        return id;
    }

    /** Returns the value used when the user gives none; null for methods without a value. */
    public Double defaultValue() {
        return defaultValue;
    }

    /** Returns the method named {@code id}. */
    public static Smoothing of(String id) {
        for (Smoothing s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown smooth_method '" + id + "': expected one of exp, floor, add-k, none");
    }
}
