package io.modelwatch.core.alert;

import static java.util.Objects.requireNonNull;

import io.modelwatch.core.kernel.WindowResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed condition of an alert rule, such as {@code delta.score < -2 and significant.score}.
 * Immutable and thread-safe.
 *
 * <h2>Grammar</h2>
 * <pre>
 * condition  = or
 * or         = and { "or" and }
 * and        = unary { "and" unary }
 * unary      = "not" unary | primary
 * primary    = "(" condition ")" | operand op operand | flag
 * flag       = "significant." output
 * operand    = number | reference
 * op         = "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!="
 * reference  = [ prefix ] output | "count" | "rejected"
 * prefix     = "baseline." | "delta." | "significant." | "interval.lo." | "interval.hi."
 *            | "delta_interval.lo." | "delta_interval.hi."
 * output     = (letter | "_") { letter | digit | "_" | "@" | "." }   e.g. score, p99, hit_rate@10, precision_1
 * number     = [ "-" ] digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ]   also ".5"
 * </pre>
 * Comparisons are the atoms; {@code not} applies to the comparison, flag or parenthesised
 * condition right after it, {@code and} binds tighter than {@code or}: precedence from high to
 * low is {@code not}, comparison, {@code and}, {@code or}. So {@code not a < 1 and b > 2 or c > 3}
 * is {@code ((not (a < 1)) and (b > 2)) or (c > 3)}. Comparisons do not chain ({@code 1 < a < 2}
 * is an error: write {@code a > 1 and a < 2}). Keywords are lower case; spaces are free.
 *
 * <h2>What a reference reads</h2>
 * From one {@link WindowResult}: an output's value ({@code score}), its baseline value
 * ({@code baseline.score}), value − baseline ({@code delta.score}), whether that difference is
 * significant ({@code significant.score}, 1 or 0 in a comparison), the bounds of its confidence
 * interval ({@code interval.lo.score}, {@code interval.hi.score}) and of the difference's
 * ({@code delta_interval.lo.score}, {@code delta_interval.hi.score}). {@code count} and
 * {@code rejected} are the records the metric used and rejected, unless the metric has an output
 * of that name, which they then read.
 *
 * <h2>Undefined values</h2>
 * A value is undefined when the result has none: an output that is null or NaN, no baseline, no
 * interval, an output the metric did not produce. <b>A comparison with an undefined side is
 * false</b>, and a flag whose output was not tested is false; evaluation never throws. The rest is
 * plain two-valued logic, so {@code not (score < 25)} holds when {@code score} is undefined: write
 * {@code score >= 25} to require a value.
 */
public final class AlertCondition {
    /** Where a reference reads its value, with the prefix that selects it. */
    public enum Source {
        VALUE(""),
        BASELINE("baseline."),
        DELTA("delta."),
        SIGNIFICANT("significant."),
        INTERVAL_LO("interval.lo."),
        INTERVAL_HI("interval.hi."),
        DELTA_INTERVAL_LO("delta_interval.lo."),
        DELTA_INTERVAL_HI("delta_interval.hi."),
        /** A distribution-level drift statistic of the metric against the baseline (not declared as an output). */
        DRIFT("drift.");

        private final String prefix;

        Source(String prefix) {
            this.prefix = prefix;
        }

        /** Returns the prefix, such as {@code delta.}; empty for {@link #VALUE}. */
        public String prefix() {
            return prefix;
        }

        /** Whether the value exists only when the monitor has a baseline. */
        public boolean needsBaseline() {
            return this == BASELINE || this == DELTA || this == SIGNIFICANT || this == DELTA_INTERVAL_LO
                    || this == DELTA_INTERVAL_HI || this == DRIFT;
        }

        /** Whether the value exists only when intervals are enabled (the baseline test uses them too). */
        public boolean needsIntervals() {
            return this == SIGNIFICANT || this == INTERVAL_LO || this == INTERVAL_HI || this == DELTA_INTERVAL_LO
                    || this == DELTA_INTERVAL_HI;
        }
    }

    /**
     * One identifier of a condition.
     *
     * @param source what it reads
     * @param output the output name (or {@code count}, {@code rejected})
     * @param column the 1-based column of its first occurrence
     */
    public record Reference(Source source, String output, int column) {
        public Reference {
            requireNonNull(source, "source is null");
            requireNonNull(output, "output is null");
        }

        /** Returns the identifier as written, such as {@code delta.score}. */
        public String text() {
            return source.prefix() + output;
        }

        /** Returns the value this reference reads from a result, or null when it is undefined. */
        public Double read(WindowResult r) {
            Double v = switch (source) {
                case VALUE -> r.values().containsKey(output) || !isCount() ? r.values().get(output)
                        : Double.valueOf(output.equals("count") ? r.count() : r.rejected());
                case BASELINE -> r.baseline().get(output);
                case DELTA -> r.delta().get(output);
                case SIGNIFICANT -> {
                    Boolean s = r.significant().get(output);
                    yield s == null ? null : s ? 1.0 : 0.0;
                }
                case INTERVAL_LO -> bound(r.intervals().get(output), 0);
                case INTERVAL_HI -> bound(r.intervals().get(output), 1);
                case DELTA_INTERVAL_LO -> bound(r.deltaIntervals().get(output), 0);
                case DELTA_INTERVAL_HI -> bound(r.deltaIntervals().get(output), 1);
                case DRIFT -> r.drift().get(output);
            };
            return v == null || v.isNaN() ? null : v;
        }

        /** Whether this is the result's {@code count} or {@code rejected} (when no output has that name). */
        boolean isCount() {
            return source == Source.VALUE && (output.equals("count") || output.equals("rejected"));
        }

        private static Double bound(double[] interval, int i) {
            return interval == null || interval.length < 2 ? null : interval[i];
        }
    }

    /** A node of the parsed condition. */
    sealed interface Node permits Or, And, Not, Compare, Flag {
        boolean test(WindowResult r);
    }

    record Or(Node left, Node right) implements Node {
        @Override
        public boolean test(WindowResult r) {
            return left.test(r) || right.test(r);
        }

        @Override
        public String toString() {
            return "(" + left + " or " + right + ")";
        }
    }

    record And(Node left, Node right) implements Node {
        @Override
        public boolean test(WindowResult r) {
            return left.test(r) && right.test(r);
        }

        @Override
        public String toString() {
            return "(" + left + " and " + right + ")";
        }
    }

    record Not(Node operand) implements Node {
        @Override
        public boolean test(WindowResult r) {
            return !operand.test(r);
        }

        @Override
        public String toString() {
            return "(not " + operand + ")";
        }
    }

    /** A number or a reference; exactly one is set. */
    record Operand(Double number, String text, Reference reference) {
        Double value(WindowResult r) {
            return reference == null ? number : reference.read(r);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean apply(double a, double b) {
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                case EQ -> a == b;
                case NE -> a != b;
            };
        }
    }

    record Compare(Operand left, Op op, Operand right) implements Node {
        @Override
        public boolean test(WindowResult r) {
            Double a = left.value(r);
            Double b = right.value(r);
            return a != null && b != null && op.apply(a, b);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol + " " + right + ")";
        }
    }

    record Flag(Reference reference) implements Node {
        @Override
        public boolean test(WindowResult r) {
            return Boolean.TRUE.equals(r.significant().get(reference.output()));
        }

        @Override
        public String toString() {
            return reference.text();
        }
    }

    private final String text;
    private final Node root;
    private final List<Reference> references;

    AlertCondition(String text, Node root, List<Reference> references) {
        this.text = text;
        this.root = root;
        this.references = List.copyOf(references);
    }

    /**
     * Parses a condition.
     *
     * @throws AlertSyntaxException when it does not follow the grammar
     */
    public static AlertCondition parse(String text) {
        requireNonNull(text, "text is null");
        return new ConditionParser(text).parse();
    }

    /** Returns the condition as written. */
    public String text() {
        return text;
    }

    /** Returns each distinct identifier once, in the order of first occurrence. */
    public List<Reference> references() {
        return references;
    }

    /** Whether the condition holds for a result; undefined values make their comparisons false. */
    public boolean holds(WindowResult result) {
        return root.test(result);
    }

    /** Returns identifier → the value it reads from a result (null when undefined), in order of occurrence. */
    public Map<String, Double> read(WindowResult result) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Reference ref : references) {
            values.put(ref.text(), ref.read(result));
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Returns this condition with the change of every output it compares with the baseline
     * ({@code delta.X}, {@code delta_interval.lo.X}, {@code delta_interval.hi.X}) required to be
     * significant too: {@code delta.score < -2} becomes {@code delta.score < -2 and significant.score}.
     * A rule's {@code significant: true} asks for this.
     *
     * @throws IllegalArgumentException when the condition compares no output with the baseline
     */
    public AlertCondition requiringSignificance() {
        List<Reference> added = new ArrayList<>();
        for (Reference ref : references) {
            if (ref.source() == Source.DELTA || ref.source() == Source.DELTA_INTERVAL_LO
                    || ref.source() == Source.DELTA_INTERVAL_HI) {
                added.add(new Reference(Source.SIGNIFICANT, ref.output(), ref.column()));
            }
        }
        if (added.isEmpty()) {
            throw new IllegalArgumentException("significant: true needs a change from the baseline in the condition,"
                    + " such as delta.score < -2 (it then also requires significant.score)");
        }
        Node node = root;
        List<Reference> all = new ArrayList<>(references);
        for (Reference ref : distinct(added)) {
            node = new And(node, new Flag(ref));
            all.add(ref);
        }
        return new AlertCondition(text, node, distinct(all));
    }

    /** Returns the condition fully parenthesised, such as {@code ((not (a < 1)) and significant.b)}. */
    @Override
    public String toString() {
        return root.toString();
    }

    /** Collects references in order (the parser's helper). */
    static List<Reference> distinct(List<Reference> all) {
        Map<String, Reference> byText = new LinkedHashMap<>();
        for (Reference r : all) {
            byText.putIfAbsent(r.text(), r);
        }
        return new ArrayList<>(byText.values());
    }
}
