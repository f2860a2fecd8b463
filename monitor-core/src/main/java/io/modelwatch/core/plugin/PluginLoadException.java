package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Thrown when plugins cannot be loaded or installed; carries every problem found, each a complete
 * message a user can act on (what failed, in which folder and jar, what was expected, what to try).
 *
 * <p>The exception message is the single problem, or all problems as a numbered list.
 */
public final class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems the problems, at least one; never null
     */
    public PluginLoadException(List<String> problems) {
        this(problems, null);
    }

    /**
     * Creates the exception with a closing piece of advice that applies to all problems.
     *
     * @param problems the problems, at least one; never null
     * @param advice appended to the message after the problems; null for none
     */
    public PluginLoadException(List<String> problems, String advice) {
        super(message(problems, advice));
        this.problems = List.copyOf(problems);
    }

    /** Returns every problem, in the order found; never empty. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems, String advice) {
        requireNonNull(problems, "problems is null");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        StringBuilder text = new StringBuilder();
        if (problems.size() == 1) {
            text.append(problems.get(0));
        } else {
            text.append(problems.size()).append(" plugin problems:");
            for (int i = 0; i < problems.size(); i++) {
                text.append('\n').append(i + 1).append(". ").append(problems.get(i));
            }
        }
        if (advice != null) {
            text.append('\n').append(advice);
        }
        return text.toString();
    }
}
