package io.modelwatch.nlp.tokenize;

import io.modelwatch.nlp.text.PythonText;

/**
 * sacreBLEU's {@code char} tokenizer: every code point that is not Python whitespace is a token
 * (a surrogate pair is one token; combining marks, ZWJ and regional indicators are tokens of
 * their own). Stateless.
 */
public final class TokenizerChar implements Tokenizer {
    static final TokenizerChar INSTANCE = new TokenizerChar();

    private TokenizerChar() {
    }

    @Override
    public String name() {
        return "char";
    }

    @Override
    public void tokenize(String text, Tokens out, Scratch scratch) {
        int n = PythonText.rstripLength(text);
        out.load(text, n);
        char[] c = out.chars;
        int i = 0;
        while (i < n) {
            char ch = c[i];
            if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                out.add(i, i + 2);
                i += 2;
            } else {
                if (!PythonText.isSpace(ch)) {
                    out.add(i, i + 1);
                }
                i++;
            }
        }
    }
}
