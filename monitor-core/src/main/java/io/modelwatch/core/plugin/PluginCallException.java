package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by {@link PluginGuard} when plugin code fails; names the plugin and the call, and keeps
 * the original failure as its cause.
 *
 * <p>The message reads {@code Plugin 'nlp' failed in <what>: <exception class>: <its message>}.
 */
public final class PluginCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pluginName;
    private final String what;

    /**
     * Creates the exception.
     *
     * @param pluginName the plugin whose code failed; never null
     * @param what the call that failed, as a person would name it (such as {@code "create nlp.bleu"});
     *     never null
     * @param cause what the plugin threw; never null
     */
    public PluginCallException(String pluginName, String what, Throwable cause) {
        super("Plugin '" + requireNonNull(pluginName, "pluginName is null") + "' failed in "
                + requireNonNull(what, "what is null") + ": " + describe(requireNonNull(cause, "cause is null")), cause);
        this.pluginName = pluginName;
        this.what = what;
    }

    /** Returns the name of the plugin whose code failed. */
    public String pluginName() {
        return pluginName;
    }

    /** Returns the call that failed. */
    public String what() {
        return what;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + message;
    }
}
