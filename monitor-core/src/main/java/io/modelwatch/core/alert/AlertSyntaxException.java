package io.modelwatch.core.alert;

/**
 * A condition that does not parse. Its message is one line that names the problem, the 1-based
 * column and the condition with the position marked, such as
 * {@code expected a number or an output name at column 9: "score < " ← here}; when text follows
 * the position it is quoted after the mark.
 */
public final class AlertSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int column;

    AlertSyntaxException(String problem, String condition, int column) {
        super(format(problem, condition, column));
        this.problem = problem;
        this.column = column;
    }

    /** Returns what is wrong, without the position (such as {@code expected a number or an output name}). */
    public String problem() {
        return problem;
    }

    /** Returns the 1-based column in the condition where the problem starts. */
    public int column() {
        return column;
    }

    private static String format(String problem, String condition, int column) {
        int cut = Math.min(Math.max(column - 1, 0), condition.length());
        String rest = condition.substring(cut);
        return problem + " at column " + column + ": \"" + condition.substring(0, cut) + "\" ← here"
                + (rest.isEmpty() ? "" : " \"" + rest + "\"");
    }
}
