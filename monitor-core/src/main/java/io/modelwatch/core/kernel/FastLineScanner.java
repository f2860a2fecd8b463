package io.modelwatch.core.kernel;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.modelwatch.api.InputKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder's fast path: one pass over a line's bytes that reads the JSON Pointers of the
 * trie straight into the record, matching field names as bytes and converting numbers in place,
 * without a parser object or a String per field name.
 *
 * <p>It accepts only a strict subset of JSON: strings of well-formed UTF-8 (escapes in field
 * names excepted), integers that fit a long, nesting up to 64 levels, the four JSON white-space
 * characters. Every such line is valid JSON that Jackson reads the same way. On anything else,
 * including every malformed line, it declines ({@link #decode} returns false) and the decoder
 * parses the line again with Jackson, which decides and words the error. So a line either gives
 * here exactly the record Jackson's walk gives, or is not decoded here at all.
 */
final class FastLineScanner {
    /** Thrown (without a stack) to leave the fast path; never escapes {@link #decode}. */
    private static final RuntimeException DECLINE = new RuntimeException("declined", null, false, false) {
        private static final long serialVersionUID = 1L;
    };
    private static final int MAX_DEPTH = 64;
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_NAME = 10_000;
    /** Exact powers of ten: any of them times or over an integer below 2^53 rounds once (Clinger). */
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private final RecordDecoder decoder;
    private final RecordDecoder.Node root;
    private byte[] b;
    private int p;
    private int end;
    private int depth;
    private double[] numbers = new double[16];
    private int[] bounds = new int[256];
    /** The last number scanned: whether it was an integer token, and its value. */
    private boolean integral;
    private long longValue;
    private double doubleValue;

    FastLineScanner(RecordDecoder decoder, RecordDecoder.Node root) {
        this.decoder = decoder;
        this.root = root;
    }

    /**
     * Decodes {@code length} bytes at {@code offset} into {@code rec} (cleared by the caller).
     *
     * @return true when the line was read here; false when it is left to Jackson (the record may
     *     then be partly filled and must be cleared again)
     */
    boolean decode(byte[] buf, int offset, int length, DecodedRecord rec) {
        b = buf;
        p = offset;
        end = offset + length;
        depth = 0;
        try {
            ws();
            if (at(p) != '{') {
                return false;
            }
            p++;
            object(root, rec);
            ws();
            return p == end;
        } catch (RuntimeException e) {
            if (e == DECLINE) {
                return false;
            }
            throw e;
        } finally {
            b = null;
        }
    }

    /** The byte at {@code i}, or 0 (which no accepted token contains) past the line's end. */
    private byte at(int i) {
        return i < end ? b[i] : 0;
    }

    private void ws() {
        byte c;
        while ((c = at(p)) == ' ' || c == '\t' || c == '\n' || c == '\r') {
            p++;
        }
    }

    private void expect(char c) {
        if (at(p) != c) {
            throw DECLINE;
        }
        p++;
    }

    /** After an object's '{': its members, up to and including '}'. A null node skips them. */
    private void object(RecordDecoder.Node node, DecodedRecord rec) {
        if (!enter('}')) {
            return;
        }
        do {
            expect('"');
            int from = p;
            int to = stringEnd();
            if (to - from > MAX_NAME || escaped) {
                throw DECLINE; // names are matched as their bytes
            }
            p = to + 1;
            colon();
            RecordDecoder.Node child = node == null ? null : node.child(b, from, to);
            if (child == null) {
                skipValue();
            } else {
                visit(child, rec);
            }
        } while (more('}'));
    }

    /**
     * After an opening bracket: returns true when an element follows, false when the bracket
     * closes at once (then consumed).
     */
    private boolean enter(char close) {
        if (++depth > MAX_DEPTH) {
            throw DECLINE;
        }
        ws();
        if (at(p) == close) {
            p++;
            depth--;
            return false;
        }
        return true;
    }

    /** After an element: returns true past the comma when another follows, false past the closing bracket. */
    private boolean more(char close) {
        ws();
        byte c = at(p++);
        if (c == close) {
            depth--;
            return false;
        }
        if (c != ',') {
            throw DECLINE;
        }
        ws();
        return true;
    }

    /** Between a member's name and its value. */
    private void colon() {
        ws();
        expect(':');
        ws();
    }

    /** A member's name as a String, at its opening quote. */
    private String name() {
        if (at(p) != '"') {
            throw DECLINE;
        }
        String name = string();
        if (name.length() > MAX_NAME) {
            throw DECLINE;
        }
        return name;
    }

    /** After an array's '[': its elements, up to and including ']'. A null node skips them. */
    private void array(RecordDecoder.Node node, DecodedRecord rec) {
        if (!enter(']')) {
            return;
        }
        int index = 0;
        do {
            RecordDecoder.Node child = node == null ? null : node.child(index++);
            if (child == null) {
                skipValue();
            } else {
                visit(child, rec);
            }
        } while (more(']'));
    }

    /**
     * Scans a string's content from {@link #p} (after its quote) and returns the index of its
     * closing quote, noting in {@link #escaped} and {@link #nonAscii} what {@link #text} must
     * decode. Declines control bytes, unknown escapes and UTF-8 that is not well-formed (overlong
     * forms, encoded surrogates, beyond U+10FFFF, cut sequences).
     */
    private int stringEnd() {
        int i = p;
        escaped = false;
        nonAscii = false;
        while (true) {
            byte c = at(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                i++;
            } else if (c == '"') {
                break;
            } else if (c == '\\') {
                escaped = true;
                i = escapeEnd(i);
            } else if (c < 0) {
                nonAscii = true;
                i = utf8End(i);
            } else {
                throw DECLINE; // a control byte, or 0 past the end
            }
        }
        if (i - p > MAX_STRING) {
            throw DECLINE;
        }
        return i;
    }

    /** Whether the string {@link #stringEnd} scanned last holds escapes, and non-ASCII bytes. */
    private boolean escaped;
    private boolean nonAscii;

    private int escapeEnd(int i) {
        switch (at(i + 1)) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return i + 2;
            case 'u':
                for (int k = 2; k < 6; k++) {
                    if (hex(at(i + k)) < 0) {
                        throw DECLINE;
                    }
                }
                return i + 6;
            default:
                throw DECLINE;
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Returns the index after the well-formed UTF-8 sequence at {@code i}, or declines. */
    private int utf8End(int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0xC2) {
            throw DECLINE; // a continuation byte, or an overlong 2-byte form
        }
        if (b0 < 0xE0) {
            continuation(i + 1);
            return i + 2;
        }
        int b1 = at(i + 1) & 0xFF;
        if (b0 < 0xF0) {
            if (b0 == 0xE0 && b1 < 0xA0 || b0 == 0xED && b1 >= 0xA0) {
                throw DECLINE; // overlong, or a surrogate
            }
            continuation(i + 1);
            continuation(i + 2);
            return i + 3;
        }
        if (b0 > 0xF4 || b0 == 0xF0 && b1 < 0x90 || b0 == 0xF4 && b1 >= 0x90) {
            throw DECLINE; // overlong, or beyond U+10FFFF
        }
        continuation(i + 1);
        continuation(i + 2);
        continuation(i + 3);
        return i + 4;
    }

    private void continuation(int i) {
        if ((at(i) & 0xC0) != 0x80) {
            throw DECLINE;
        }
    }

    /** The text of the string {@link #stringEnd} scanned last, bytes {@code from..to}. */
    private String text(int from, int to) {
        if (!escaped) {
            return new String(b, from, to - from, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(to - from);
        int run = from;
        int i = from;
        while (i < to) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            if (i > run) {
                sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            }
            byte e = b[i + 1];
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append((char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4 | hex(b[i + 5])));
                default -> sb.append((char) e); // '"', '\\' and '/'
            }
            i += e == 'u' ? 6 : 2;
            run = i;
        }
        if (to > run) {
            sb.append(new String(b, run, to - run, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private String string() {
        p++;
        int to = stringEnd();
        String s = text(p, to);
        p = to + 1;
        return s;
    }

    private void skipValue() {
        byte c = at(p);
        switch (c) {
            case '"':
                p++;
                p = stringEnd() + 1;
                return;
            case '{':
                p++;
                object(null, null);
                return;
            case '[':
                p++;
                array(null, null);
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                number();
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (at(p + i) != word.charAt(i)) {
                throw DECLINE;
            }
        }
        p += word.length();
        byte next = at(p);
        if (next != ',' && next != '}' && next != ']' && next != ' ' && next != '\t' && next != '\n' && next != '\r'
                && p != end) {
            throw DECLINE;
        }
    }

    /**
     * Scans a JSON number at {@link #p}, setting {@link #integral} and {@link #longValue} or
     * {@link #doubleValue}. Integers beyond a long and {@code -0} decline (Jackson has its own
     * rules for them); decimals are converted exactly (Clinger's fast path when the digits fit
     * 2^53 and the power of ten is exact, else the same correctly rounded parser Jackson uses).
     */
    private void number() {
        int start = p;
        boolean negative = at(p) == '-';
        if (negative) {
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        byte c = at(p);
        if (c == '0') {
            p++;
            if (isDigit(at(p))) {
                throw DECLINE; // a leading zero
            }
            digits = 1;
        } else if (c >= '1' && c <= '9') {
            while (isDigit(c = at(p))) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                }
                digits++;
                p++;
            }
        } else {
            throw DECLINE;
        }
        int fraction = 0;
        boolean decimal = false;
        if (at(p) == '.') {
            decimal = true;
            p++;
            if (!isDigit(at(p))) {
                throw DECLINE;
            }
            while (isDigit(c = at(p))) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    fraction++;
                }
                digits++;
                p++;
            }
        }
        int exponent = 0;
        c = at(p);
        if (c == 'e' || c == 'E') {
            decimal = true;
            p++;
            c = at(p);
            boolean negativeExponent = c == '-';
            if (c == '-' || c == '+') {
                p++;
            }
            if (!isDigit(at(p))) {
                throw DECLINE;
            }
            while (isDigit(c = at(p))) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (c - '0');
                }
                p++;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (p - start > 100) {
            throw DECLINE;
        }
        if (!decimal) {
            if (negative && mantissa == 0 || digits > 19) {
                throw DECLINE; // -0, and integers Jackson reads as BigInteger
            }
            integral = true;
            if (digits == 19) {
                try {
                    longValue = Long.parseLong(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
                } catch (NumberFormatException beyondLong) {
                    throw DECLINE;
                }
                return;
            }
            longValue = negative ? -mantissa : mantissa;
            return;
        }
        integral = false;
        int power = exponent - fraction;
        if (digits <= 18 && mantissa < (1L << 53) && power >= -22 && power <= 22) {
            double d = power < 0 ? mantissa / POW10[-power] : mantissa * POW10[power];
            doubleValue = negative ? -d : d;
        } else {
            doubleValue = JavaDoubleParser.parseDouble(b, start, p - start);
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private boolean atNumber() {
        byte c = at(p);
        return c == '-' || isDigit(c);
    }

    private double numberAsDouble() {
        number();
        return integral ? (double) longValue : doubleValue;
    }

    /** As {@code RecordDecoder.visit}: the node's consumers take the value, then its children. */
    private void visit(RecordDecoder.Node node, DecodedRecord rec) {
        byte c = at(p);
        if (node.consumers.isEmpty()) {
            if (c == '{') {
                p++;
                object(node, rec);
            } else if (c == '[') {
                p++;
                array(node, rec);
            } else {
                skipValue();
            }
            return;
        }
        RecordDecoder.Consumer only = node.only;
        if (only != null && only.slot() > 0) {
            int slot = only.slot();
            InputKind kind = only.kind();
            if (kind == InputKind.NUMBER) {
                if (atNumber()) {
                    rec.present[slot] = true;
                    rec.num[slot] = numberAsDouble();
                    rec.flag[slot] = true;
                    return;
                }
                if (c == 'n') {
                    literal("null");
                    return;
                }
                Object v = generic();
                rec.present[slot] = true;
                rec.flag[slot] = !Boolean.FALSE.equals(v);
                rec.num[slot] = RecordDecoder.asNumber(v);
                return;
            }
            if (kind == InputKind.NUMBERS && c == '[') {
                readNumbers(slot, rec);
                return;
            }
            if (kind == InputKind.IDS && c == '[') {
                readIds(slot, rec);
                return;
            }
            if (kind == InputKind.GRADED_IDS && c == '{') {
                readGraded(slot, rec);
                return;
            }
        }
        Object value = generic();
        for (RecordDecoder.Consumer consumer : node.consumers) {
            decoder.store(consumer, value, rec);
        }
        if (!node.children.isEmpty()) {
            decoder.descend(node, value, rec);
        }
    }

    private void readNumbers(int slot, DecodedRecord rec) {
        p++;
        int n = 0;
        if (enter(']')) {
            do {
                if (n == numbers.length) {
                    numbers = Arrays.copyOf(numbers, n * 2);
                }
                numbers[n++] = atNumber() ? numberAsDouble() : RecordDecoder.asNumber(generic());
            } while (more(']'));
        }
        rec.present[slot] = true;
        rec.flag[slot] = true;
        rec.obj[slot] = Arrays.copyOf(numbers, n);
    }

    /**
     * Reads an id list: when every element is a string, as a {@link ByteIdList} over one copy of
     * the array's bytes; otherwise as the list of Strings the Jackson path builds.
     */
    private void readIds(int slot, DecodedRecord rec) {
        int arrayStart = ++p;
        int n = 0;
        boolean utf8 = false;
        List<String> general = null;
        if (enter(']')) {
            do {
                if (at(p) != '"') {
                    general = general(general, arrayStart, n, utf8);
                    general.add(RecordDecoder.asText(generic()));
                    continue;
                }
                int from = ++p;
                int to = stringEnd();
                p = to + 1;
                if (general == null && !escaped) {
                    if (2 * n + 2 > bounds.length) {
                        bounds = Arrays.copyOf(bounds, bounds.length * 2);
                    }
                    bounds[2 * n] = from - arrayStart;
                    bounds[2 * n + 1] = to - arrayStart;
                    n++;
                    utf8 |= nonAscii;
                } else {
                    String id = text(from, to);
                    general = general(general, arrayStart, n, utf8);
                    general.add(id);
                }
            } while (more(']'));
        }
        rec.present[slot] = true;
        rec.flag[slot] = true;
        rec.obj[slot] = general != null ? general
                : n == 0 ? new ArrayList<String>()
                : new ByteIdList(Arrays.copyOfRange(b, arrayStart, p), Arrays.copyOf(bounds, 2 * n), n, utf8);
    }

    /** The id list as Strings, from the {@code n} ids kept as bounds so far when it is not made yet. */
    private List<String> general(List<String> general, int arrayStart, int n, boolean utf8) {
        if (general != null) {
            return general;
        }
        List<String> list = new ArrayList<>(n + 8);
        for (int i = 0; i < n; i++) {
            list.add(new String(b, arrayStart + bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i],
                    utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        }
        return list;
    }

    private void readGraded(int slot, DecodedRecord rec) {
        p++;
        LinkedHashMap<String, Double> graded = new LinkedHashMap<>();
        if (enter('}')) {
            do {
                String id = name();
                colon();
                graded.put(id, atNumber() ? numberAsDouble() : RecordDecoder.asNumber(generic()));
            } while (more('}'));
        }
        rec.present[slot] = true;
        rec.flag[slot] = true;
        rec.obj[slot] = graded;
    }

    /** A value as the generic tree {@code RecordDecoder.readGeneric} builds. */
    private Object generic() {
        byte c = at(p);
        switch (c) {
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return RecordDecoder.JSON_NULL;
            case '[': {
                p++;
                List<Object> list = new ArrayList<>();
                if (enter(']')) {
                    do {
                        list.add(generic());
                    } while (more(']'));
                }
                return list;
            }
            case '{': {
                p++;
                Map<String, Object> map = new LinkedHashMap<>();
                if (enter('}')) {
                    do {
                        String name = name();
                        colon();
                        map.put(name, generic());
                    } while (more('}'));
                }
                return map;
            }
            default:
                number();
                return integral ? (Object) longValue : (Object) doubleValue;
        }
    }
}
