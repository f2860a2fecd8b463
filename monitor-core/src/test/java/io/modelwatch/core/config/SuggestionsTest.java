package io.modelwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("baseline", "fields", "metrics", "mode", "model", "window");

    @Test
    void suggestsTheClosestChoiceForATypo() {
        assertThat(Suggestions.closest("windw", KEYS)).hasValue("window");
        assertThat(Suggestions.closest("Metrics", KEYS)).as("case is ignored").hasValue("metrics");
        assertThat(Suggestions.closest("baseleni", KEYS)).hasValue("baseline");
    }

    @Test
    void aSwapOfTwoLettersIsOneEditAndTiesPreferTheSameLength() {
        // 'modle' is one deletion from 'mode' and one swap from 'model': the user typed five letters.
        assertThat(Suggestions.closest("modle", KEYS)).hasValue("model");
        assertThat(Suggestions.closest("mdoe", KEYS)).hasValue("mode");
        // 'widnwo' is two swaps from 'window' (plain edit distance 4, too far to suggest).
        assertThat(Suggestions.closest("widnwo", KEYS)).hasValue("window");
    }

    @Test
    void suggestsNothingWhenNoChoiceIsClose() {
        assertThat(Suggestions.closest("retention", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
        assertThat(Suggestions.didYouMean("retention", KEYS)).isEmpty();
    }

    @Test
    void formatsTheHint() {
        assertThat(Suggestions.didYouMean("feilds", KEYS)).isEqualTo(" Did you mean 'fields'?");
    }
}
