package io.modelwatch.core.generate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesOutTest {

    @Test
    void printsScaledIntegersAsExactDecimals() {
        assertThat(JsonLinesOut.decimal(1205, 1)).isEqualTo("120.5");
        assertThat(JsonLinesOut.decimal(1200, 1)).isEqualTo("120.0");
        assertThat(JsonLinesOut.decimal(5, 6)).isEqualTo("0.000005");
        assertThat(JsonLinesOut.decimal(250_000, 6)).isEqualTo("0.25");
        assertThat(JsonLinesOut.decimal(1_000_000, 6)).isEqualTo("1.0");
        assertThat(JsonLinesOut.decimal(0, 6)).isEqualTo("0.0");
        assertThat(JsonLinesOut.decimal(-15, 1)).isEqualTo("-1.5");
    }
}
