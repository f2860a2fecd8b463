package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import java.util.ServiceConfigurationError;
import java.util.function.Supplier;

/**
 * The one guard around every call from core into a plugin's code; immutable and thread-safe.
 *
 * <p>For the duration of the call it sets the thread context class loader to the plugin's loader
 * (so libraries inside the plugin that look classes up through it find the plugin's own) and
 * restores the previous one afterwards, whatever happens. A failure of the plugin's code, meaning
 * any {@link Exception} (including checked ones thrown sneakily), {@link LinkageError} (such as
 * {@link NoClassDefFoundError} or {@link ExceptionInInitializerError}), {@link StackOverflowError},
 * {@link ServiceConfigurationError} or {@link AssertionError}, becomes a {@link PluginCallException}
 * naming the plugin and the call, so the caller can mark that one metric failed and carry on.
 * A {@link PluginCallException} thrown inside the action passes through unchanged. Other errors
 * ({@link OutOfMemoryError} and the like) are not caught: the JVM is not in a state to carry on.
 *
 * <p>The guard allocates nothing on the success path; pass a constant {@code what} on hot paths.
 */
public final class PluginGuard {
    private final String pluginName;
    private final ClassLoader classLoader;

    /**
     * Creates a guard for one plugin.
     *
     * @param pluginName the plugin's name, used in failure messages; never null
     * @param loader the loader of the plugin's classes, set as context class loader during calls;
     *     never null
     */
    public PluginGuard(String pluginName, ClassLoader loader) {
        this.pluginName = requireNonNull(pluginName, "pluginName is null");
        this.classLoader = requireNonNull(loader, "loader is null");
    }

    /**
     * Runs plugin code that returns a value.
     *
     * @param what the call, as a person would name it in an error message; never null
     * @param action the call into the plugin; never null
     * @return what the action returned (may be null if the plugin returns null)
     * @throws PluginCallException when the plugin's code fails
     */
    public <T> T call(String what, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        boolean swap = previous != classLoader;
        if (swap) {
            thread.setContextClassLoader(classLoader);
        }
        try {
            return action.get();
        } catch (PluginCallException e) {
            throw e;
        } catch (Exception | LinkageError | StackOverflowError | ServiceConfigurationError | AssertionError e) {
            throw new PluginCallException(pluginName, what, e);
        } finally {
            if (swap) {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /**
     * Runs plugin code that returns nothing.
     *
     * @param what the call, as a person would name it in an error message; never null
     * @param action the call into the plugin; never null
     * @throws PluginCallException when the plugin's code fails
     */
    public void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** Returns the plugin's name. */
    public String pluginName() {
        return pluginName;
    }

    /** Returns the plugin's class loader. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    @Override
    public String toString() {
        return "PluginGuard[" + pluginName + "]";
    }
}
