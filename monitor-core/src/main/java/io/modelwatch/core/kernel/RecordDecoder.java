package io.modelwatch.core.kernel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.modelwatch.api.InputKind;
import io.modelwatch.core.config.TimeValues;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one JSON line into a {@link DecodedRecord} with Jackson's streaming parser, reading
 * only the JSON Pointers some metric (or the time, id and segment settings) needs and skipping
 * everything else. Thread-confined: each reader thread has its own decoder.
 */
final class RecordDecoder {
    static final int TIME = -1;
    static final int ID = -2;
    /** Segment consumers are numbered {@code SEGMENT_BASE - i}. */
    static final int SEGMENT_BASE = -100;

    /** One consumer of a pointer's value: a slot (or time, id, segment) and its kind. */
    record Consumer(int slot, InputKind kind) {
    }

    /** A node of the pointer trie. */
    static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Consumer> consumers = new ArrayList<>();
        /** The children's names as UTF-8, beside {@link #kids}, for matching names in the line's bytes. */
        private byte[][] names = new byte[0][];
        private Node[] kids = new Node[0];
        /** Children named by a canonical array index, and those indexes. */
        private int[] indexes = new int[0];
        private Node[] indexKids = new Node[0];
        /** The one consumer when there is exactly one and no children, else null. */
        Consumer only;

        /** Fills the lookup arrays from {@link #children}, in this node and below. */
        void freeze() {
            names = new byte[children.size()][];
            kids = new Node[children.size()];
            List<Integer> ix = new ArrayList<>();
            List<Node> ixKids = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Node> e : children.entrySet()) {
                names[i] = e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                kids[i++] = e.getValue();
                try {
                    int index = Integer.parseInt(e.getKey());
                    if (index >= 0 && Integer.toString(index).equals(e.getKey())) {
                        ix.add(index);
                        ixKids.add(e.getValue());
                    }
                } catch (NumberFormatException ignored) {
                    // not an array index
                }
                e.getValue().freeze();
            }
            indexes = ix.stream().mapToInt(Integer::intValue).toArray();
            indexKids = ixKids.toArray(new Node[0]);
            only = consumers.size() == 1 && children.isEmpty() ? consumers.get(0) : null;
        }

        /** Returns the child named by bytes {@code from..to} of {@code b}, or null. */
        Node child(byte[] b, int from, int to) {
            int len = to - from;
            for (int i = 0; i < names.length; i++) {
                byte[] n = names[i];
                if (n.length == len && Arrays.equals(n, 0, len, b, from, to)) {
                    return kids[i];
                }
            }
            return null;
        }

        /** Returns the child for array index {@code index}, or null. */
        Node child(int index) {
            for (int i = 0; i < indexes.length; i++) {
                if (indexes[i] == index) {
                    return indexKids[i];
                }
            }
            return null;
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    /**
     * For monitors that read graded relevance (a map keyed by item ids): those keys are unbounded,
     * and Jackson's field-name symbol table, built for a few fixed keys, became the bottleneck
     * (ranx's workload, 20,000 items: 3.5 s against 0.6 s per 100k users without it).
     */
    private static final JsonFactory UNBOUNDED_KEYS = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private final JsonFactory factory;

    private final Node root = new Node();
    private final String timeFormat;
    private final String[] segmentValues;
    private double[] numberBuffer = new double[16];

    RecordDecoder(FieldPlan plan, String timePointer, String idPointer, List<String> segmentPointers, String timeFormat) {
        this.timeFormat = timeFormat;
        this.factory = plan.slots().stream().anyMatch(s -> s.kind() == InputKind.GRADED_IDS) ? UNBOUNDED_KEYS : FACTORY;
        for (FieldPlan.Slot s : plan.slots()) {
            node(s.pointer()).consumers.add(new Consumer(s.index(), s.kind()));
        }
        node(timePointer).consumers.add(new Consumer(TIME, InputKind.SCALAR));
        if (idPointer != null) {
            node(idPointer).consumers.add(new Consumer(ID, InputKind.TEXT));
        }
        for (int i = 0; i < segmentPointers.size(); i++) {
            node(segmentPointers.get(i)).consumers.add(new Consumer(SEGMENT_BASE - i, InputKind.TEXT));
        }
        segmentValues = new String[segmentPointers.size()];
        root.freeze();
        fast = new FastLineScanner(this, root);
    }

    private final FastLineScanner fast;
    /** Lines tried on the fast path and those it handed to Jackson, since the last review. */
    private int fastTried;
    private int fastDeclined;
    /** {@code -Dmodelwatch.decoder.fast-path=false} sends every line to Jackson (for comparing the two). */
    private static final boolean FAST_PATH = !"false".equalsIgnoreCase(System.getProperty("modelwatch.decoder.fast-path"));
    private boolean fastEnabled = FAST_PATH;
    private long fastLines;
    private boolean alwaysFast;
    private boolean fastDisabledForGood = !FAST_PATH;
    /** Lines parsed by Jackson alone since the fast path was turned off. */
    private int jacksonLines;
    static final int RETRY_AFTER = 1 << 16;

    /** Returns the segment values read for the last record (null where missing); reused. */
    String[] segmentValues() {
        return segmentValues;
    }

    private Node node(String pointer) {
        Node n = root;
        for (String token : JsonPointers.tokens(pointer)) {
            n = n.children.computeIfAbsent(token, k -> new Node());
        }
        return n;
    }

    /**
     * Decodes a line into {@code rec}.
     *
     * @return null on success, or the reason the line is bad (for the dead-letter file)
     */
    String decode(String line, DecodedRecord rec) {
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length, rec);
    }

    /** As {@link #decode(String, DecodedRecord)}, from {@code length} UTF-8 bytes of {@code buf} at {@code offset}. */
    String decode(byte[] buf, int offset, int length, DecodedRecord rec) {
        if (!fastEnabled && !fastDisabledForGood && ++jacksonLines == RETRY_AFTER) {
            // A log can change (a burst of odd lines at its start): try the fast path again.
            fastEnabled = true;
            jacksonLines = 0;
        }
        if (fastEnabled) {
            reset(rec);
            if (fast.decode(buf, offset, length, rec)) {
                fastLines++;
                reviewFastPath(false);
                return timeCheck(rec);
            }
            reviewFastPath(true);
        }
        reset(rec);
        try (JsonParser p = factory.createParser(buf, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            String problem = walkObject(p, root, rec);
            if (problem != null) {
                return problem;
            }
            if (p.nextToken() != null) {
                return "invalid JSON: trailing data after the object";
            }
        } catch (IOException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return "invalid JSON: " + firstLine(msg);
        }
        return timeCheck(rec);
    }

    private void reset(DecodedRecord rec) {
        rec.clear();
        timeProblem = null;
        Arrays.fill(segmentValues, null);
    }

    private String timeCheck(DecodedRecord rec) {
        if (rec.timeMillis == Long.MIN_VALUE) {
            return timeProblem != null ? timeProblem : "missing time field";
        }
        return null;
    }

    /**
     * Counts a line the fast path handled or declined; every 1,024 lines, turns the fast path off
     * when it declined more than a quarter of them (a log full of huge integers, say), so such logs
     * do not pay for two parses per line. It is tried again after {@value #RETRY_AFTER} lines.
     */
    private void reviewFastPath(boolean declined) {
        if (declined) {
            fastDeclined++;
        }
        if (++fastTried == 1024) {
            fastEnabled = fastDeclined <= 256 || alwaysFast;
            fastTried = 0;
            fastDeclined = 0;
        }
    }

    /** Returns whether lines still go to the fast path first (for tests). */
    boolean fastPathEnabled() {
        return fastEnabled;
    }

    /** Returns how many lines the fast path has decoded (for tests). */
    long fastLines() {
        return fastLines;
    }

    /** Keeps trying the fast path first however often it declines (for tests that compare the two paths). */
    void alwaysTryFastPath() {
        alwaysFast = true;
    }

    /** Turns the fast path off for good, so every line goes through Jackson (for tests that compare the two). */
    void disableFastPath() {
        fastEnabled = false;
        fastDisabledForGood = true;
    }

    private String timeProblem;

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private String walkObject(JsonParser p, Node node, DecodedRecord rec) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            Node child = node.children.get(p.currentName());
            p.nextToken();
            if (child == null) {
                p.skipChildren();
            } else {
                visit(p, child, rec);
            }
        }
        return t == JsonToken.END_OBJECT ? null : "invalid JSON: unexpected " + t;
    }

    private void walkArray(JsonParser p, Node node, DecodedRecord rec) throws IOException {
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Node child = node.children.get(Integer.toString(index++));
            if (child == null) {
                p.skipChildren();
            } else {
                visit(p, child, rec);
            }
        }
    }

    private void visit(JsonParser p, Node node, DecodedRecord rec) throws IOException {
        if (node.consumers.isEmpty()) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                walkObject(p, node, rec);
            } else if (t == JsonToken.START_ARRAY) {
                walkArray(p, node, rec);
            }
            return;
        }
        if (node.only != null) {
            Consumer c = node.only;
            if (c.kind() == InputKind.NUMBER && c.slot() > 0) {
                readNumber(p, c.slot(), rec);
                return;
            }
            if (c.kind() == InputKind.NUMBERS && c.slot() > 0 && p.currentToken() == JsonToken.START_ARRAY) {
                readNumbers(p, c.slot(), rec);
                return;
            }
            // Item lists and graded maps straight into their final form, without a generic tree first.
            if (c.kind() == InputKind.IDS && c.slot() > 0 && p.currentToken() == JsonToken.START_ARRAY) {
                List<String> ids = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    ids.add(p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : asText(readGeneric(p)));
                }
                rec.present[c.slot()] = true;
                rec.flag[c.slot()] = true;
                rec.obj[c.slot()] = ids;
                return;
            }
            if (c.kind() == InputKind.GRADED_IDS && c.slot() > 0 && p.currentToken() == JsonToken.START_OBJECT) {
                LinkedHashMap<String, Double> graded = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String id = p.currentName();
                    JsonToken t = p.nextToken();
                    graded.put(id, t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                            ? p.getDoubleValue() : asNumber(readGeneric(p)));
                }
                rec.present[c.slot()] = true;
                rec.flag[c.slot()] = true;
                rec.obj[c.slot()] = graded;
                return;
            }
        }
        Object value = readGeneric(p);
        for (Consumer c : node.consumers) {
            store(c, value, rec);
        }
        if (!node.children.isEmpty()) {
            descend(node, value, rec);
        }
    }

    void descend(Node node, Object value, DecodedRecord rec) {
        for (Map.Entry<String, Node> e : node.children.entrySet()) {
            Object child = null;
            if (value instanceof Map<?, ?> m) {
                child = m.get(e.getKey());
            } else if (value instanceof List<?> l) {
                try {
                    int i = Integer.parseInt(e.getKey());
                    child = i >= 0 && i < l.size() ? l.get(i) : null;
                } catch (NumberFormatException ignored) {
                    child = null;
                }
            }
            if (child != null) {
                for (Consumer c : e.getValue().consumers) {
                    store(c, child, rec);
                }
                descend(e.getValue(), child, rec);
            }
        }
    }

    static final Object JSON_NULL = new Object();

    private static Object readGeneric(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readGeneric(p));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readGeneric(p));
                }
                return map;
            }
            default:
                return JSON_NULL;
        }
    }

    private static void readNumber(JsonParser p, int slot, DecodedRecord rec) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            rec.present[slot] = true;
            rec.num[slot] = p.getDoubleValue();
            rec.flag[slot] = true;
        } else if (t == JsonToken.VALUE_NULL) {
            return;
        } else {
            Object v = readGeneric(p);
            rec.present[slot] = true;
            rec.flag[slot] = !Boolean.FALSE.equals(v);
            rec.num[slot] = asNumber(v);
        }
    }

    private void readNumbers(JsonParser p, int slot, DecodedRecord rec) throws IOException {
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (n == numberBuffer.length) {
                numberBuffer = Arrays.copyOf(numberBuffer, n * 2);
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                numberBuffer[n++] = p.getDoubleValue();
            } else {
                numberBuffer[n++] = asNumber(readGeneric(p));
            }
        }
        rec.present[slot] = true;
        rec.flag[slot] = true;
        rec.obj[slot] = Arrays.copyOf(numberBuffer, n);
    }

    static double asNumber(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    static String asText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Long || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Double d) {
            double x = d;
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : d.toString();
        }
        return null;
    }

    void store(Consumer c, Object v, DecodedRecord rec) {
        int slot = c.slot();
        if (slot == TIME) {
            storeTime(v, rec);
            return;
        }
        if (slot == ID) {
            rec.id = v == JSON_NULL ? null : asText(v);
            return;
        }
        if (slot <= SEGMENT_BASE) {
            segmentValues[SEGMENT_BASE - slot] = v == JSON_NULL ? null : asText(v);
            return;
        }
        if (v == JSON_NULL) {
            return;
        }
        rec.present[slot] = true;
        rec.flag[slot] = !Boolean.FALSE.equals(v);
        switch (c.kind()) {
            case TEXT:
                rec.obj[slot] = asText(v);
                break;
            case TEXTS:
                rec.obj[slot] = texts(v);
                break;
            case NUMBER:
                rec.num[slot] = asNumber(v);
                break;
            case NUMBERS:
                if (v instanceof List<?> l) {
                    double[] d = new double[l.size()];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = asNumber(l.get(i));
                    }
                    rec.obj[slot] = d;
                }
                break;
            case INTEGER:
                if (v instanceof Long l) {
                    rec.integer[slot] = l;
                } else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e18) {
                    rec.integer[slot] = d.longValue();
                }
                break;
            case IDS:
                rec.obj[slot] = v instanceof List<?> ? texts(v) : null;
                break;
            case GRADED_IDS:
                rec.obj[slot] = graded(v);
                break;
            case SCALAR:
                rec.obj[slot] = v instanceof Long l ? (Object) l.doubleValue()
                        : v instanceof String || v instanceof Double || v instanceof Boolean ? v : null;
                break;
            case FLAG:
            default:
                break;
        }
    }

    private static List<String> texts(Object v) {
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(asText(o));
            }
            return out;
        }
        String s = asText(v);
        return s == null ? null : List.of(s);
    }

    private static LinkedHashMap<String, Double> graded(Object v) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, g) -> out.put(String.valueOf(k), asNumber(g)));
            return out;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                out.put(asText(o), 1.0);
            }
            return out;
        }
        return null;
    }

    private void storeTime(Object v, DecodedRecord rec) {
        try {
            if (v instanceof Number n) {
                switch (timeFormat) {
                    case "epoch-millis":
                        rec.timeMillis = n.longValue();
                        return;
                    case "epoch-seconds":
                        rec.timeMillis = Math.round(n.doubleValue() * 1000.0);
                        return;
                    case "iso":
                        timeProblem = "time is a number but the source's time-format is iso";
                        return;
                    default:
                        rec.timeMillis = TimeValues.fromEpoch(n.doubleValue()).toEpochMilli();
                        return;
                }
            }
            if (v instanceof String s) {
                if (!"iso".equals(timeFormat) && !s.isEmpty() && Character.isDigit(s.charAt(0)) && s.indexOf('-') < 0
                        && s.indexOf(':') < 0) {
                    storeTime(Double.parseDouble(s), rec);
                    return;
                }
                rec.timeMillis = parseIso(s);
                return;
            }
            timeProblem = v == JSON_NULL ? "time field is null" : "time field is not a timestamp";
        } catch (DateTimeParseException | NumberFormatException e) {
            timeProblem = "unparsable time '" + v + "'";
        }
    }

    /** Parses ISO-8601; the common {@code yyyy-MM-ddTHH:mm:ss[.fff]Z} shape without allocation. */
    static long parseIso(String s) {
        int n = s.length();
        if (n >= 20 && s.charAt(n - 1) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int millis = 0;
            boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60;
            if (ok && n > 20) {
                if (s.charAt(19) != '.' || n == 21) {
                    ok = false;
                } else {
                    // Check every fraction digit (not through digits(), whose int overflows past 9 digits).
                    for (int i = 20; i < n - 1 && ok; i++) {
                        ok = s.charAt(i) >= '0' && s.charAt(i) <= '9';
                    }
                    if (!ok || n - 21 > 9) {
                        ok = false;
                    } else {
                        int len = Math.min(n - 21, 3);
                        millis = digits(s, 20, len);
                        for (int i = len; i < 3; i++) {
                            millis *= 10;
                        }
                    }
                }
            }
            if (ok && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Instant.parse(s).toEpochMilli();
        }
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
