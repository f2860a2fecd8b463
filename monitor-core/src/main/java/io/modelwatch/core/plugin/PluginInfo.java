package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What the host knows about one plugin it loaded, skipped or failed to load; immutable.
 *
 * @param name the plugin's name; for a folder that failed before the plugin could say its name,
 *     the {@code ModelWatch-Plugin-Name} of its manifest, or else the folder's name. Never null.
 * @param version the plugin's version from {@code ModelWatch-Plugin-Version} ({@code "unknown"} when
 *     the plugin jar does not say; {@code "dev"} for a plugin installed in-process without a jar
 *     manifest); null when it could not be read
 * @param apiVersion the API version the plugin was built against ({@code ModelWatch-Api-Version});
 *     null when it could not be read
 * @param folder the plugin's folder, or (for a jar put directly in the plugins folder) that jar;
 *     null for a plugin installed in-process with {@link PluginManager#install}
 * @param jars the file names of the plugin's jars, sorted; never null
 * @param metricTypes the metric types it registered, sorted; empty unless {@link Status#LOADED}
 * @param status whether it is in use; never null
 * @param problem the full user-facing explanation when not loaded (several problems are separated
 *     by a line break); null when {@link Status#LOADED}
 */
public record PluginInfo(String name, String version, String apiVersion, Path folder,
                         List<String> jars, List<String> metricTypes, Status status, String problem) {

    /** Whether a plugin is in use, and if not, why. */
    public enum Status {
        /** Loaded and its metric types registered. */
        LOADED,
        /**
         * Refused by a check before or after its code ran: packaging (no plugin jar, bundled API
         * classes, no or two providers), an incompatible API version, or a name or metric type that
         * is invalid or already taken.
         */
        SKIPPED,
        /**
         * Its code failed: the provider could not be loaded or constructed (a missing class, no
         * public no-argument constructor, a constructor that threw), or a call into it threw.
         */
        FAILED
    }

    public PluginInfo {
        requireNonNull(name, "name is null");
        jars = List.copyOf(requireNonNull(jars, "jars is null"));
        metricTypes = List.copyOf(requireNonNull(metricTypes, "metricTypes is null"));
        requireNonNull(status, "status is null");
        if ((status == Status.LOADED) != (problem == null)) {
            throw new IllegalArgumentException("problem must be null exactly when status is LOADED: "
                    + status + ", " + problem);
        }
    }

    /** Returns whether the plugin is in use. */
    public boolean loaded() {
        return status == Status.LOADED;
    }
}
