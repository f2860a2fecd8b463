package io.modelwatch.core.server;

import java.util.List;

/** A request the API refuses: its HTTP status, a message that says what to send instead, and the valid choices. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String choicesName;
    private final List<String> choices;

    ApiException(int status, String message) {
        this(status, message, null, List.of());
    }

    /** With the valid choices, shown in the error object under {@code choicesName}. */
    ApiException(int status, String message, String choicesName, List<String> choices) {
        super(message, null, false, false);
        this.status = status;
        this.choicesName = choicesName;
        this.choices = List.copyOf(choices);
    }

    int status() {
        return status;
    }

    String choicesName() {
        return choicesName;
    }

    List<String> choices() {
        return choices;
    }
}
