package io.modelwatch.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OnErrorTest {
    @Test
    void parsesTheYamlValues() {
        assertThat(OnError.fromYaml("fail")).isEqualTo(OnError.FAIL);
        assertThat(OnError.fromYaml("Skip")).isEqualTo(OnError.SKIP);
        assertThat(OnError.SKIP.yamlValue()).isEqualTo("skip");
    }

    @Test
    void refusesOtherValuesListingTheChoices() {
        assertThatThrownBy(() -> OnError.fromYaml("ignore"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugins.on-error is 'ignore', expected one of: fail, skip");
    }
}
