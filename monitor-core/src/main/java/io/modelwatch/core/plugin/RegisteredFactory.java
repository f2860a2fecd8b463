package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.MetricFactory;

/**
 * A metric factory in the {@link MetricRegistry}, with the plugin it came from and the guard every
 * call into it must pass through; immutable.
 *
 * <p>Call the factory (and the metrics it creates) only through {@link #guard()}, for example
 * {@code guard().call("create nlp.bleu", () -> factory().create(spec))}: it sets the thread context
 * class loader to the plugin's and turns a failure into a {@link PluginCallException} that names
 * the plugin.
 *
 * @param factory the plugin's factory; never null
 * @param plugin the plugin that contributed it (status {@link PluginInfo.Status#LOADED}); never null
 * @param guard the plugin's guard; never null
 */
public record RegisteredFactory(MetricFactory factory, PluginInfo plugin, PluginGuard guard) {
    public RegisteredFactory {
        requireNonNull(factory, "factory is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(guard, "guard is null");
    }
}
