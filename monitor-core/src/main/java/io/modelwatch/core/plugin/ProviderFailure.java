package io.modelwatch.core.plugin;

import io.modelwatch.api.MonitorPlugin;
import java.util.ServiceConfigurationError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains why {@link java.util.ServiceLoader} could not load or construct a plugin's
 * {@link MonitorPlugin} provider, by cause: a missing class (usually a missing dependency jar), a
 * class name that is wrong, no public no-argument constructor, or a constructor that threw.
 */
final class ProviderFailure {
    static final String SERVICE_FILE = "META-INF/services/" + MonitorPlugin.class.getName();

    // ServiceLoader's messages read "<service>: Provider <class> not found", "<service>: <class> not a
    // subtype", "<service>: <class> Unable to get public no-arg constructor", and so on.
    private static final Pattern PROVIDER = Pattern.compile(
            Pattern.quote(MonitorPlugin.class.getName()) + ": (?:Provider )?(\\S+) .*", Pattern.DOTALL);
    private static final Pattern NOT_FOUND = Pattern.compile(
            Pattern.quote(MonitorPlugin.class.getName()) + ": Provider (\\S+) not found");

    private ProviderFailure() {
    }

    /**
     * Returns the user-facing explanation.
     *
     * @param subject the start of the message, naming the plugin, its folder and jars
     * @param folder the folder, for the fix
     * @param provider the provider class name when known; null otherwise
     * @param failure what ServiceLoader or the provider threw
     */
    static String explain(String subject, String folder, String provider, Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (provider == null) {
            Matcher named = PROVIDER.matcher(message);
            provider = failure instanceof ServiceConfigurationError && named.matches() ? named.group(1) : null;
        }
        String its = provider == null ? "its provider" : "its provider " + provider;

        Matcher notFound = NOT_FOUND.matcher(message);
        if (failure instanceof ServiceConfigurationError && notFound.matches() && failure.getCause() == null) {
            return subject + " could not be started: " + SERVICE_FILE + " names the class " + notFound.group(1)
                    + ", which is in none of the folder's jars. Expected the fully qualified name of the class that"
                    + " implements " + MonitorPlugin.class.getName() + ". Check that name, or copy the jar that"
                    + " holds the class into '" + folder + "'.";
        }
        if (message.contains("not a subtype")) {
            return subject + " could not be started: " + SERVICE_FILE + " names " + (provider == null ? "a class" : provider)
                    + ", which does not implement " + MonitorPlugin.class.getName() + ". Expected the class that"
                    + " implements it. Fix the name in that file, and make sure the plugin does not bundle its own"
                    + " copy of monitor-api.";
        }
        if (message.contains("no-arg constructor") || find(failure, NoSuchMethodException.class) != null) {
            return subject + " could not be started: " + its + " has no public no-argument constructor, which"
                    + " ServiceLoader needs to create it. Add a public constructor without parameters (the class"
                    + " must also be public and not abstract), then rebuild the plugin.";
        }
        String missing = missingClass(failure);
        if (missing != null) {
            return subject + " could not be started: " + (provider == null ? "the plugin" : its) + " needs the class " + missing + ", which is in none"
                    + " of the folder's jars, so a jar the plugin depends on is probably missing. Copy the plugin's"
                    + " dependency jars into '" + folder + "' next to the plugin jar.";
        }
        ExceptionInInitializerError initializer = find(failure, ExceptionInInitializerError.class);
        if (initializer != null) {
            Throwable cause = initializer.getCause() == null ? initializer : initializer.getCause();
            return subject + " could not be started: the static initialization of "
                    + (provider == null ? "one of its classes" : provider) + " threw "
                    + PluginCallException.describe(cause) + ". Fix what the plugin needs at start, or report this to"
                    + " the plugin's authors.";
        }
        if (message.contains("could not be instantiated") && failure.getCause() != null) {
            return subject + " could not be started: the constructor of " + its + " threw "
                    + PluginCallException.describe(failure.getCause()) + ". Fix what the plugin needs at start (its"
                    + " files and settings), or report this to the plugin's authors.";
        }
        return subject + " could not be started: ServiceLoader reported " + PluginCallException.describe(failure)
                + ". Check " + SERVICE_FILE + " in the plugin jar and the jars in '" + folder + "'.";
    }

    private static String missingClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError && t.getMessage() != null
                    && !t.getMessage().startsWith("Could not initialize class")) {
                return t.getMessage().replace('/', '.');
            }
            if (t instanceof ClassNotFoundException && t.getMessage() != null) {
                return t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
