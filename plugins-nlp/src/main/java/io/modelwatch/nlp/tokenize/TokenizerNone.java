package io.modelwatch.nlp.tokenize;

import io.modelwatch.nlp.text.PythonText;

/** sacreBLEU's {@code none} tokenizer: the text is only split on Python whitespace. Stateless. */
public final class TokenizerNone implements Tokenizer {
    static final TokenizerNone INSTANCE = new TokenizerNone();

    private TokenizerNone() {
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void tokenize(String text, Tokens out, Scratch scratch) {
        out.load(text, PythonText.rstripLength(text));
        out.splitOnWhitespace();
    }
}
