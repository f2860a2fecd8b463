package io.modelwatch.api;

import java.util.Collection;
import java.util.List;

/**
 * The entry point of a plugin, found by {@link java.util.ServiceLoader}.
 *
 * <p>A plugin jar names exactly one implementation in
 * {@code META-INF/services/io.modelwatch.api.MonitorPlugin}. The implementation must be public
 * and have a public no-argument constructor; that constructor should do no work beyond building
 * the factories (it runs while the host starts).
 *
 * <p>Every method except {@link #name()} has a default, and new extension kinds arrive as new
 * default methods, so a plugin compiled against an older minor version keeps working.
 * Implementations are called from one thread at start-up and must be immutable afterwards.
 */
public interface MonitorPlugin {

    /**
     * Returns the plugin's short name, lower case, for example {@code "nlp"}. It prefixes every
     * metric type the plugin contributes ({@code "nlp.bleu"}). Never null.
     */
    String name();

    /**
     * Returns the metric factories this plugin contributes. Each factory's
     * {@link MetricFactory#type() type} must be unique across all installed plugins.
     * Never null; the host copies the collection.
     */
    default Collection<MetricFactory> metricFactories() {
        return List.of();
    }
}
