package io.modelwatch.core.alert;

import static io.modelwatch.core.alert.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.modelwatch.core.alert.AlertCondition.Reference;
import io.modelwatch.core.alert.AlertCondition.Source;
import io.modelwatch.core.kernel.WindowResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule grammar: precedence, prefixes, numbers, undefined values, and each syntax error's message and column. */
class AlertConditionTest {
    private static String tree(String condition) {
        return AlertCondition.parse(condition).toString();
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(tree("a < 1 or b < 2 and c < 3")).isEqualTo("((a < 1) or ((b < 2) and (c < 3)))");
        assertThat(tree("a < 1 and b < 2 or c < 3")).isEqualTo("(((a < 1) and (b < 2)) or (c < 3))");
        assertThat(tree("a < 1 or b < 2 or c < 3")).isEqualTo("(((a < 1) or (b < 2)) or (c < 3))");
    }

    @Test
    void notAppliesToTheComparisonAfterIt() {
        assertThat(tree("not a < 1 and b > 2")).isEqualTo("((not (a < 1)) and (b > 2))");
        assertThat(tree("not not a < 1")).isEqualTo("(not (not (a < 1)))");
        assertThat(tree("a < 1 or not significant.a")).isEqualTo("((a < 1) or (not significant.a))");
    }

    @Test
    void parenthesesGroup() {
        assertThat(tree("(a < 1 or b < 2) and c < 3")).isEqualTo("(((a < 1) or (b < 2)) and (c < 3))");
        assertThat(tree("not (a < 1 or b < 2)")).isEqualTo("(not ((a < 1) or (b < 2)))");
        assertThat(tree("((a<1))")).isEqualTo("(a < 1)");
    }

    @Test
    void precedenceDecidesTheOutcome() {
        WindowResult r = result().value("a", 0.0).value("b", 5.0).value("c", 5.0).build();
        // a < 1 or (b < 2 and c < 3) holds; (a < 1 or b < 2) and c < 3 does not
        assertThat(AlertCondition.parse("a < 1 or b < 2 and c < 3").holds(r)).isTrue();
        assertThat(AlertCondition.parse("(a < 1 or b < 2) and c < 3").holds(r)).isFalse();
        assertThat(AlertCondition.parse("not a < 1 and b > 2").holds(r)).isFalse();
        assertThat(AlertCondition.parse("not (a < 1 and b > 6)").holds(r)).isTrue();
    }

    @Test
    void everyPrefixReadsItsPartOfTheResult() {
        WindowResult r = result().value("score", 20.0).interval("score", 18, 22).baseline("score", 24)
                .deltaInterval("score", -6, -2).significant("score", true).count(120, 3).build();
        AlertCondition c = AlertCondition.parse("score == 20 and baseline.score == 24 and delta.score == -4"
                + " and interval.lo.score == 18 and interval.hi.score == 22 and delta_interval.lo.score == -6"
                + " and delta_interval.hi.score == -2 and significant.score and significant.score == 1"
                + " and count == 120 and rejected == 3");

        assertThat(c.holds(r)).isTrue();
        assertThat(c.references()).extracting(Reference::source).containsExactly(Source.VALUE, Source.BASELINE,
                Source.DELTA, Source.INTERVAL_LO, Source.INTERVAL_HI, Source.DELTA_INTERVAL_LO, Source.DELTA_INTERVAL_HI,
                Source.SIGNIFICANT, Source.VALUE, Source.VALUE);
        assertThat(c.references()).extracting(Reference::output).containsOnly("score", "count", "rejected");
        assertThat(c.read(r)).containsExactly(entry("score", 20.0), entry("baseline.score", 24.0),
                entry("delta.score", -4.0), entry("interval.lo.score", 18.0), entry("interval.hi.score", 22.0),
                entry("delta_interval.lo.score", -6.0), entry("delta_interval.hi.score", -2.0),
                entry("significant.score", 1.0), entry("count", 120.0), entry("rejected", 3.0));
    }

    @Test
    void countReadsTheOutputOfThatNameWhenTheMetricHasOne() {
        WindowResult r = result().value("count", 7.0).count(120, 0).build();
        assertThat(AlertCondition.parse("count == 7").holds(r)).isTrue();
    }

    @Test
    void outputNamesKeepAtSignsDigitsAndUnderscores() {
        WindowResult r = result().value("hit_rate@10", 0.4).value("precision_1", 61.0).value("p99", 250.0)
                .baseline("hit_rate@10", 0.5).build();
        assertThat(AlertCondition.parse("hit_rate@10 < 0.5 and precision_1 > 60 and p99 >= 250"
                + " and delta.hit_rate@10 < -0.05").holds(r)).isTrue();
        assertThat(AlertCondition.parse("delta.hit_rate@10 < 0").references())
                .containsExactly(new Reference(Source.DELTA, "hit_rate@10", 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x < -2      | -1.5 | false",
            "x > -2      | -1.5 | true",
            "x < -1.25   | -1.5 | true",
            "x == 1.5e3  | 1500 | true",
            "x == 15E-1  | 1.5  | true",
            "x == 1e+2   | 100  | true",
            "x < .5      | 0.25 | true",
            "x > -.5     | -0.25 | true",
            "-2 < x      | 0    | true",
            "x<-2        | -3   | true",
            "x != 0      | 0    | false",
            "x <= 3      | 3    | true",
            "x >= 3      | 3    | true"})
    void numbersAndComparisons(String condition, double x, boolean holds) {
        assertThat(AlertCondition.parse(condition).holds(result().value("x", x).build())).isEqualTo(holds);
    }

    @Test
    void anUndefinedValueMakesEveryComparisonFalse() {
        WindowResult r = result().value("score", null).value("nan", Double.NaN).build();
        for (String op : new String[] {"<", "<=", ">", ">=", "==", "!="}) {
            assertThat(AlertCondition.parse("score " + op + " 25").holds(r)).as(op).isFalse();
            assertThat(AlertCondition.parse("nan " + op + " 25").holds(r)).as(op).isFalse();
            assertThat(AlertCondition.parse("missing " + op + " 25").holds(r)).as(op).isFalse();
            assertThat(AlertCondition.parse("delta.score " + op + " 0").holds(r)).as(op).isFalse(); // no baseline
        }
        assertThat(AlertCondition.parse("significant.score").holds(r)).isFalse();
        assertThat(AlertCondition.parse("interval.lo.score < 1").holds(r)).isFalse();
        // two-valued logic: not turns the false comparison into true (documented)
        assertThat(AlertCondition.parse("not score < 25").holds(r)).isTrue();
        assertThat(AlertCondition.parse("score < 25 or delta.score < 0").read(r))
                .containsExactly(entry("score", null), entry("delta.score", null));
    }

    @Test
    void aFlagIsTheSignificanceOfItsOutput() {
        assertThat(AlertCondition.parse("significant.score").holds(result().significant("score", true).build())).isTrue();
        assertThat(AlertCondition.parse("significant.score").holds(result().significant("score", false).build())).isFalse();
        assertThat(AlertCondition.parse("delta.score < -2 and significant.score").holds(result().value("score", 20.0)
                .baseline("score", 23).significant("score", true).build())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "::", quoteCharacter = '"', value = {
            "score <                 :: 8  :: expected a number or an output name",
            "score < and x > 1       :: 9  :: expected a number or an output name",
            "score                   :: 6  :: expected a comparison (<, <=, >, >=, ==, !=) after 'score'; only a significant.<output> flag stands alone",
            "score 25                :: 7  :: expected a comparison (<, <=, >, >=, ==, !=) after 'score'; only a significant.<output> flag stands alone",
            "25                      :: 3  :: expected a comparison (<, <=, >, >=, ==, !=) after '25'",
            "score = 25              :: 7  :: '=' is not a comparison; write '=='",
            "score =< 25             :: 7  :: '=<' is not a comparison; write '<='",
            "score => 25             :: 7  :: '=>' is not a comparison; write '>='",
            "score <> 25             :: 7  :: '<>' is not a comparison; write '!='",
            "! score < 25            :: 1  :: '!' is not an operator; write 'not' or '!='",
            "a < 1 && b < 2          :: 7  :: '&&' is not an operator; write 'and'",
            "a < 1 || b < 2          :: 7  :: '||' is not an operator; write 'or'",
            "score < 25 and          :: 15 :: expected a condition such as score < 25",
            "and score < 25          :: 1  :: expected a condition such as score < 25",
            "(score < 25             :: 12 :: unclosed '(' from column 1: expected ')'",
            "(score < 25 x           :: 13 :: expected 'and', 'or' or ')'",
            "score < 25)             :: 11 :: unmatched ')'",
            "score < 25 x > 1        :: 12 :: expected 'and', 'or' or the end",
            "score < 25 AND x > 1    :: 12 :: expected 'and', 'or' or the end (keywords are lower case: and)",
            "1 < score < 5           :: 11 :: comparisons do not chain; write 'a < b and b < c'",
            "score < 2x              :: 9  :: malformed number '2x'",
            "score < 1e              :: 9  :: malformed number '1e'",
            "score < 1.              :: 9  :: malformed number '1.'",
            "score < - 2             :: 9  :: '-' must be followed by a number (conditions have no arithmetic)",
            "score # 2               :: 7  :: unexpected character '#'",
            "significant. and x < 1  :: 13 :: expected an output name after 'significant.'",
            "delta. < 1              :: 7  :: expected an output name after 'delta.'"})
    void syntaxErrorsNameTheProblemAndItsColumn(String condition, int column, String problem) {
        assertThatThrownBy(() -> AlertCondition.parse(condition))
                .isInstanceOfSatisfying(AlertSyntaxException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    @Test
    void theMessageMarksThePositionOnOneLine() {
        assertThatThrownBy(() -> AlertCondition.parse("score < "))
                .hasMessage("expected a number or an output name at column 9: \"score < \" ← here");
        assertThatThrownBy(() -> AlertCondition.parse("score =< 25"))
                .hasMessage("'=<' is not a comparison; write '<=' at column 7: \"score \" ← here \"=< 25\"");
        assertThatThrownBy(() -> AlertCondition.parse("  "))
                .hasMessage("the condition is empty; write one such as score < 25 at column 1: \"\" ← here \"  \"");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "(".repeat(ConditionParser.MAX_DEPTH + 1) + "a < 1" + ")".repeat(ConditionParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> AlertCondition.parse(deep))
                .isInstanceOfSatisfying(AlertSyntaxException.class, e -> assertThat(e.column())
                        .isEqualTo(ConditionParser.MAX_DEPTH + 1));
        String ok = "(".repeat(ConditionParser.MAX_DEPTH) + "a < 1" + ")".repeat(ConditionParser.MAX_DEPTH);
        assertThat(AlertCondition.parse(ok).toString()).isEqualTo("(a < 1)");
    }
}
