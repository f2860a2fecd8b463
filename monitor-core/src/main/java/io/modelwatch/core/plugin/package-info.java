/**
 * Plugin loading: finds plugin folders, checks their packaging and API version, gives each its own
 * {@link io.modelwatch.core.plugin.PluginClassLoader}, discovers the
 * {@link io.modelwatch.api.MonitorPlugin} with {@link java.util.ServiceLoader}, and registers its
 * metric factories in the {@link io.modelwatch.core.plugin.MetricRegistry}.
 *
 * <p>{@link io.modelwatch.core.plugin.PluginManager} owns the plugins;
 * {@link io.modelwatch.core.plugin.PluginGuard} is the one way core calls into plugin code.
 */
package io.modelwatch.core.plugin;
