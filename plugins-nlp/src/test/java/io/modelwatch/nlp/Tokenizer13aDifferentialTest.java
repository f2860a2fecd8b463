package io.modelwatch.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelwatch.nlp.text.PythonText;
import io.modelwatch.nlp.tokenize.Tokenizer;
import io.modelwatch.nlp.tokenize.Tokens;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares the one-scan 13a tokenizer with a literal transcription of the README's steps using
 * {@code java.util.regex} global replacements, on random strings dense in the characters the
 * rules care about (digits, {@code . , -}, ASCII punctuation, entities, newlines, {@code <skipped>},
 * Unicode whitespace and non-ASCII digits).
 */
class Tokenizer13aDifferentialTest {
    private static final String[] PIECES = {"a", "B", "x", "0", "5", "9", ".", ",", "-", " ", "  ", "\t", "\n", "-\n",
        "\r", "&", "&amp;", "&quot;", "&lt;", "&gt;", "&amp;lt;", "&amp;quot;", "<skipped>", "'", "\"", "(", ")", "$", "%",
        "/", ":", "@", "[", "]", "_", "`", "{", "~", "\u00a0", "\u2007", "\u3000", "\u0663", "\uff13", "é", "…", "😀",
        "..", ",,", "--", "1.5", "1,000", "U.S.", "e.g.,"};

    /** The README's 13a steps, one regex pass each. */
    static String reference(String text) {
        String s = PythonText.rstrip(text);
        s = s.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (s.contains("&")) {
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        s = " " + s + " ";
        s = s.replaceAll("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])", " $1 ");
        s = s.replaceAll("([^0-9])([\\.,])", "$1 $2 ");
        s = s.replaceAll("([\\.,])([^0-9])", " $1 $2");
        s = s.replaceAll("([0-9])(-)", "$1 $2 ");
        return BleuReferenceTest.tokens(s);
    }

    @Test
    void oneScanTokenizerEqualsTheRegexPasses() {
        Tokenizer t = Tokenizer.of("13a");
        Tokens out = new Tokens();
        Tokenizer.Scratch scratch = new Tokenizer.Scratch();
        Random r = new Random(13);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(14);
            for (int i = 0; i < n; i++) {
                sb.append(PIECES[r.nextInt(PIECES.length)]);
            }
            String s = sb.toString();
            t.tokenize(s, out, scratch);
            assertEquals(reference(s), out.joined(), () -> "input [" + s + "]");
        }
    }
}
