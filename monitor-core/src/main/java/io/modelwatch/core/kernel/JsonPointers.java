package io.modelwatch.core.kernel;

import java.util.ArrayList;
import java.util.List;

/** Splits JSON Pointers (RFC 6901) into reference tokens. */
final class JsonPointers {
    private JsonPointers() {
    }

    /**
     * Returns the tokens of a pointer such as {@code /output/text} or {@code /gold/0}.
     *
     * @throws IllegalArgumentException when the text is not a JSON Pointer
     */
    static List<String> tokens(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("'" + pointer + "' is not a JSON Pointer; write it like /output/text"
                    + " (a slash before each key, array items by index: /gold/0)");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
