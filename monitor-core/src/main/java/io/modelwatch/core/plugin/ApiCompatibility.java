package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.ApiVersion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a plugin built against one API version runs on this host: the same major and a
 * minor no newer than the host's. Immutable.
 */
final class ApiCompatibility {
    private static final Pattern VERSION = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})");

    private final int hostMajor;
    private final int hostMinor;

    ApiCompatibility(String hostVersion) {
        Matcher matcher = VERSION.matcher(requireNonNull(hostVersion, "hostVersion is null"));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("host API version is not major.minor: " + hostVersion);
        }
        this.hostMajor = Integer.parseInt(matcher.group(1));
        this.hostMinor = Integer.parseInt(matcher.group(2));
    }

    /** Returns the check for the API this code runs with ({@link ApiVersion#current()}). */
    static ApiCompatibility host() {
        return new ApiCompatibility(ApiVersion.current());
    }

    String hostVersion() {
        return hostMajor + "." + hostMinor;
    }

    /**
     * Checks a declared version.
     *
     * @param declared the plugin's {@code ModelWatch-Api-Version}; null when absent
     * @param plugin how to name the plugin at the start of a message, such as
     *     {@code Plugin 'nlp' (jar 'nlp.jar' in plugin folder '/opt/plugins/nlp')}
     * @return the user-facing problem, or empty when the plugin fits
     */
    Optional<String> problem(String declared, String plugin) {
        if (declared == null || declared.isBlank()) {
            return Optional.of(plugin + " has no ModelWatch-Api-Version in its manifest, so ModelWatch cannot tell"
                    + " whether it fits. Expected the monitor-api version the plugin was built against (this"
                    + " ModelWatch provides API " + hostVersion() + "). Rebuild the plugin with the manifest entry"
                    + " ModelWatch-Api-Version: " + hostVersion() + ".");
        }
        Matcher matcher = VERSION.matcher(declared.trim());
        if (!matcher.matches()) {
            return Optional.of(plugin + " has ModelWatch-Api-Version '" + declared + "' in its manifest, which is"
                    + " not a version. Expected major.minor, such as " + hostVersion() + " (this ModelWatch provides"
                    + " API " + hostVersion() + "). Rebuild the plugin with a correct ModelWatch-Api-Version.");
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        if (major == hostMajor && minor <= hostMinor) {
            return Optional.empty();
        }
        String version = major + "." + minor;
        String fix = major < hostMajor
                ? "Rebuild the plugin against API " + hostVersion() + "."
                : "Rebuild the plugin against API " + hostVersion() + ", or upgrade ModelWatch to a release that"
                        + " provides API " + version + ".";
        return Optional.of(plugin + " was built for ModelWatch API " + version + ", but this ModelWatch provides API "
                + hostVersion() + " and accepts plugins built for API " + acceptedRange() + ". " + fix);
    }

    private String acceptedRange() {
        return hostMinor == 0 ? hostMajor + ".0" : hostMajor + ".0 to " + hostVersion();
    }
}
