package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Looks up metric factories by type ({@code nlp.bleu}); thread-safe.
 *
 * <p>Filled by {@link PluginManager} as plugins are installed; readers see a consistent snapshot
 * without locking. Types are unique: the manager refuses a plugin whose type is already taken.
 */
public final class MetricRegistry {
    private volatile NavigableMap<String, RegisteredFactory> byType = Collections.emptyNavigableMap();

    MetricRegistry() {
    }

    /**
     * Returns the factory registered under a type.
     *
     * @param type the metric type; never null
     * @return the factory, or empty when no plugin provides that type (list the valid ones with
     *     {@link #types()})
     */
    public Optional<RegisteredFactory> find(String type) {
        requireNonNull(type, "type is null");
        return Optional.ofNullable(byType.get(type));
    }

    /** Returns every registered factory, sorted by type. */
    public List<RegisteredFactory> all() {
        return List.copyOf(byType.values());
    }

    /** Returns every registered type, sorted. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** Returns the factory registered under a type, or null. */
    RegisteredFactory get(String type) {
        return byType.get(type);
    }

    /** Adds factories whose types the caller has checked are free. */
    synchronized void registerAll(Map<String, RegisteredFactory> factoriesByType) {
        NavigableMap<String, RegisteredFactory> next = new TreeMap<>(byType);
        factoriesByType.forEach((type, factory) -> {
            if (next.putIfAbsent(type, factory) != null) {
                throw new IllegalStateException("metric type already registered: " + type);
            }
        });
        byType = Collections.unmodifiableNavigableMap(next);
    }
}
