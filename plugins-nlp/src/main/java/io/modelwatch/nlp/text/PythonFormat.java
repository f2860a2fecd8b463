package io.modelwatch.nlp.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's fixed-point number formatting ({@code f"{x:.Nf}"}), which rounds the exact binary
 * value of a double half to even.
 *
 * <p>{@link String#format} differs: it rounds the shortest decimal form half up, so 6.25 gives
 * {@code 6.3} (Python {@code 6.2}) and 2.675 gives {@code 2.68} (Python {@code 2.67}). Stateless
 * and thread-safe.
 */
public final class PythonFormat {
    private PythonFormat() {
    }

    /** Returns {@code x} with {@code decimals} digits after the point, as Python formats it. */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (x == 0.0 && 1.0 / x < 0 && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }
}
