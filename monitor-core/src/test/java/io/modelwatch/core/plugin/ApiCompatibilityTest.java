package io.modelwatch.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.ApiVersion;
import org.junit.jupiter.api.Test;

class ApiCompatibilityTest {
    private static final String PLUGIN = "Plugin 'x' (jar 'x.jar' in plugin folder '/p/x')";

    @Test
    void acceptsTheSameMajorWithAMinorNoNewerThanTheHosts() {
        ApiCompatibility host = new ApiCompatibility("1.2");

        assertThat(host.problem("1.0", PLUGIN)).isEmpty();
        assertThat(host.problem("1.1", PLUGIN)).isEmpty();
        assertThat(host.problem("1.2", PLUGIN)).isEmpty();
        assertThat(host.problem(" 1.2 ", PLUGIN)).isEmpty();
    }

    @Test
    void refusesANewerMinorSayingBothVersionsAndTheFix() {
        assertThat(new ApiCompatibility("1.2").problem("1.3", PLUGIN)).contains(PLUGIN
                + " was built for ModelWatch API 1.3, but this ModelWatch provides API 1.2 and accepts plugins built"
                + " for API 1.0 to 1.2. Rebuild the plugin against API 1.2, or upgrade ModelWatch to a release that"
                + " provides API 1.3.");
    }

    @Test
    void refusesAnOlderMajorWithRebuildAsTheOnlyFix() {
        assertThat(new ApiCompatibility("1.0").problem("0.9", PLUGIN)).contains(PLUGIN
                + " was built for ModelWatch API 0.9, but this ModelWatch provides API 1.0 and accepts plugins built"
                + " for API 1.0. Rebuild the plugin against API 1.0.");
    }

    @Test
    void refusesAMissingOrMalformedVersion() {
        ApiCompatibility host = new ApiCompatibility("1.0");

        assertThat(host.problem(null, PLUGIN)).contains(PLUGIN + " has no ModelWatch-Api-Version in its manifest,"
                + " so ModelWatch cannot tell whether it fits. Expected the monitor-api version the plugin was built"
                + " against (this ModelWatch provides API 1.0). Rebuild the plugin with the manifest entry"
                + " ModelWatch-Api-Version: 1.0.");
        assertThat(host.problem("1.0-SNAPSHOT", PLUGIN)).contains(PLUGIN + " has ModelWatch-Api-Version"
                + " '1.0-SNAPSHOT' in its manifest, which is not a version. Expected major.minor, such as 1.0 (this"
                + " ModelWatch provides API 1.0). Rebuild the plugin with a correct ModelWatch-Api-Version.");
    }

    @Test
    void theHostCheckUsesTheApiOnTheClassPath() {
        assertThat(ApiCompatibility.host().hostVersion()).isEqualTo(ApiVersion.current());
    }
}
