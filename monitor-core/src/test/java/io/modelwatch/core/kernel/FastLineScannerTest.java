package io.modelwatch.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder's fast path against its Jackson path, line by line: for every line, valid or not,
 * the two must give the same problem and the same record. Lines are hand-picked edge cases,
 * seeded random JSON (numbers of every shape, escapes, non-ASCII, nesting) and random byte
 * mutations of them, so malformed input is covered as much as well-formed.
 */
class FastLineScannerTest {
    private static final String FIELDS = "time: /ts, id: /request_id, text: /output/text, texts: /gold, num: /latency_ms,"
            + " nums: /probs, int: /label, ids: /recommended, graded: /clicked, flag: /error, scalar: /label,"
            + " first: /gold/0, second: /probs/1, deep: /a/b/c";
    private static final String[] KEYS = {
        "ts", "request_id", "output", "text", "gold", "latency_ms", "probs", "label", "recommended", "clicked",
        "error", "a", "b", "c", "country", "meta", "tier", "x", "0", "1",
    };

    @TempDir
    Path dir;

    private MonitorPlan plan(String fields, String segments) {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        return h.plans("""
                monitors:
                  - name: probe
                    source: { type: jsonl, path: in.jsonl }
                    fields: { %s }
                    segment-by: [%s]
                    metrics:
                      - { type: test.probe }
                """.formatted(fields, segments)).get(0);
    }

    /** Decodes every line with both paths and compares; returns how many lines the fast path took. */
    private static int compare(MonitorPlan plan, List<String> lines) {
        List<byte[]> encoded = new ArrayList<>();
        for (String line : lines) {
            encoded.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return compareBytes(plan, encoded);
    }

    private static int compareBytes(MonitorPlan plan, List<byte[]> lines) {
        RecordDecoder fast = plan.newDecoder();
        fast.alwaysTryFastPath();
        RecordDecoder jackson = plan.newDecoder();
        jackson.disableFastPath();
        DecodedRecord a = plan.newRecord();
        DecodedRecord b = plan.newRecord();
        long before = fast.fastLines();
        byte[] next = "\n{\"ts\":1}".getBytes(StandardCharsets.UTF_8);
        for (byte[] line : lines) {
            // The line sits inside a larger buffer, as in the reader's, with the next line after it.
            byte[] bytes = new byte[line.length + 2 + next.length];
            bytes[0] = '#';
            bytes[1] = '#';
            System.arraycopy(line, 0, bytes, 2, line.length);
            System.arraycopy(next, 0, bytes, 2 + line.length, next.length);
            String shown = new String(line, StandardCharsets.UTF_8);
            String p1 = fast.decode(bytes, 2, line.length, a);
            String p2 = jackson.decode(bytes, 2, line.length, b);
            assertThat(p1).as(shown).isEqualTo(p2);
            if (p2 == null) {
                assertThat(same(a, b)).as(shown).isTrue();
                assertThat(fast.segmentValues()).as(shown).containsExactly(jackson.segmentValues());
            }
        }
        return (int) (fast.fastLines() - before);
    }

    private static boolean same(DecodedRecord a, DecodedRecord b) {
        if (a.timeMillis != b.timeMillis || !java.util.Objects.equals(a.id, b.id) || !Arrays.equals(a.num, b.num)
                || !Arrays.equals(a.integer, b.integer) || !Arrays.equals(a.present, b.present)
                || !Arrays.equals(a.flag, b.flag)) {
            return false;
        }
        for (int i = 0; i < a.obj.length; i++) {
            Object x = a.obj[i];
            Object y = b.obj[i];
            boolean eq = x instanceof double[] dx && y instanceof double[] dy ? Arrays.equals(dx, dy)
                    : java.util.Objects.equals(x, y) && (x == null || x instanceof List<?> || x.getClass() == y.getClass());
            if (!eq) {
                return false;
            }
        }
        return true;
    }

    @Test
    void handPickedLinesDecodeAsJacksonDecodesThem() {
        List<String> lines = List.of(
                "{\"ts\":\"2026-11-01T00:03:12.123Z\",\"request_id\":\"mt-1\",\"probs\":[0.25,0.5,0.25],\"label\":2}",
                "{\"ts\":1793491200000,\"latency_ms\":-0.0,\"probs\":[1e-300,5e-324,1.7976931348623157e308,2.2250738585072014E-308]}",
                "{\"ts\":1793491200,\"latency_ms\":0.1000000000000000055511151231257827,\"probs\":[123456789012345678,1234567890123456789]}",
                "{\"ts\":1793491200000,\"latency_ms\":-0}",
                "{\"ts\":1793491200000,\"latency_ms\":00}",
                "{\"ts\":1793491200000,\"latency_ms\":1.}",
                "{\"ts\":1793491200000,\"latency_ms\":.5}",
                "{\"ts\":1793491200000,\"latency_ms\":+1}",
                "{\"ts\":1793491200000,\"latency_ms\":1e}",
                "{\"ts\":1793491200000,\"latency_ms\":1e+400,\"probs\":[1e-400,9007199254740993,0.30000000000000004]}",
                "{\"ts\":1793491200000,\"latency_ms\":\"12.5\",\"error\":false,\"label\":\"cat\"}",
                "{\"ts\":1793491200000,\"latency_ms\":null,\"error\":null,\"label\":3.0}",
                "{\"ts\":1793491200000,\"latency_ms\":true,\"error\":true,\"label\":1e2}",
                "{\"ts\":1793491200000,\"recommended\":[\"a\",1,2.5,true,null,[1],{\"x\":1}],\"clicked\":{\"a\":1,\"b\":\"2\",\"c\":null}}",
                "{\"ts\":1793491200000,\"clicked\":[\"a\",\"b\"],\"recommended\":\"a\"}",
                "{\"ts\":\"2026-11-01T00:00:00Z\",\"gold\":[\"caf\\u00e9\",\"b\"],\"output\":{\"text\":\"\\\"quoted\\\"\"}}",
                "{\"ts\":\"2026-11-01T00:00:00Z\",\"gold\":[\"café\",\"b\"],\"output\":{\"text\":\"naïve\"}}",
                "{\"ts\":\"2026-11-01T00:00:00Z\",\"gold\":\"one\",\"a\":{\"b\":{\"c\":7}},\"a\":{\"b\":{\"c\":8}}}",
                "{\"ts\":\"2026-11-01T00:00:00Z\",\"probs\":[[1,2],3],\"gold\":[[\"x\"],\"y\"]}",
                "  {  \"ts\" : 1793491200000 ,\t\"probs\" : [ 1 , 2 ] }\r",
                "{\"ts\":1793491200000}{\"ts\":1}",
                "{\"ts\":1793491200000,}",
                "{\"ts\":1793491200000",
                "{\"ts\":truex}",
                "{\"ts\":nul}",
                "[1,2]",
                "\"text\"",
                "{}",
                "{\"ts\":\"tab\there\"}",
                "\uFEFF{\"ts\":1793491200000}",
                "{\"ts\":1793491200000,\"country\":\"de\",\"meta\":{\"tier\":2}}",
                "{\"ts\":1793491200000,\"country\":null,\"meta\":{\"tier\":[1]}}",
                "{\"ts\":1793491200000,\"deep\":" + "[".repeat(70) + "]".repeat(70) + "}",
                "{\"ts\":\"not a time\"}",
                "{\"ts\":null}",
                "{\"ts\":\"2026-02-30T00:00:00Z\"}",
                "{\"ts\":1793491200000,\"recommended\":[\"caf\u00e9\",\"中文\",\"😀\",\"a\\\"b\"],\"country\":\"Zürich\"}",
                "{\"ts\":1793491200000,\"recommended\":[\"x\\u00e9\",\"y\"],\"output\":{\"text\":\"\\ud83d\\ude00 \\ud800 \\u0000 \\/ \\b\\f\\n\\r\\t\"}}",
                "{\"ts\":1793491200000,\"\\u0074ext\":\"escaped name\",\"gold\":[\"\\\\\"]}",
                "{\"ts\":1793491200000,\"output\":{\"text\":\"bad escape \\x\"}}",
                "{\"ts\":1793491200000,\"output\":{\"text\":\"cut escape \\u12\"}}",
                "{\"ts\":1793491200000,\"größe\":1,\"clicked\":{\"é\":2,\"e\\u0301\":3}}");
        int fast = compare(plan(FIELDS, "/country, /meta/tier"), lines);
        assertThat(fast).as("lines taken by the fast path").isGreaterThan(lines.size() / 3);
    }

    @Test
    void wellFormedAndIllFormedUtf8DecodeAsJacksonDecodesThem() {
        int[][] sequences = {
            {0xC2, 0x80}, {0xDF, 0xBF}, {0xE0, 0xA0, 0x80}, {0xEF, 0xBF, 0xBF}, {0xED, 0x9F, 0xBF},
            {0xF0, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, {0xE4, 0xB8, 0xAD},
            // ill-formed: overlong, encoded surrogates, beyond U+10FFFF, stray and cut sequences
            {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, {0xED, 0xA0, 0x80},
            {0xED, 0xBF, 0xBF}, {0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80},
            {0xF5, 0x80, 0x80, 0x80}, {0xFF}, {0x80}, {0xBF}, {0xC2}, {0xE4, 0xB8}, {0xF0, 0x90, 0x80},
            {0xC2, 0x41}, {0xE4, 0x41, 0xAD},
        };
        String[] templates = {
            "{\"ts\":1793491200000,\"output\":{\"text\":\"a@b\"}}",
            "{\"ts\":1793491200000,\"recommended\":[\"x\",\"@\",\"y@\"]}",
            "{\"ts\":1793491200000,\"country\":\"@\"}",
            "{\"ts\":1793491200000,\"clicked\":{\"@\":2}}",
            "{\"ts\":1793491200000,\"gold\":[\"@\\n\"],\"x@\":1}",
            "{\"ts\":1793491200000,\"skipped\":\"@\"}",
        };
        List<byte[]> lines = new ArrayList<>();
        for (String template : templates) {
            for (int[] sequence : sequences) {
                byte[] t = template.getBytes(StandardCharsets.UTF_8);
                int at = template.indexOf('@');
                byte[] line = new byte[t.length - 1 + sequence.length];
                System.arraycopy(t, 0, line, 0, at);
                for (int i = 0; i < sequence.length; i++) {
                    line[at + i] = (byte) sequence[i];
                }
                System.arraycopy(t, at + 1, line, at + sequence.length, t.length - at - 1);
                lines.add(line);
            }
        }
        int fast = compareBytes(plan(FIELDS, "/country, /meta/tier"), lines);
        // The well-formed sequences (8 of 26) are read on the fast path in every template.
        assertThat(fast).isEqualTo(8 * templates.length);
    }

    @Test
    void randomLinesAndTheirMutationsDecodeAsJacksonDecodesThem() {
        SplittableRandom random = new SplittableRandom(20261204);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String line = randomRecord(random);
            lines.add(line);
            lines.add(mutate(line, random));
        }
        MonitorPlan full = plan(FIELDS, "/country, /meta/tier");
        int fast = compare(full, lines);
        List<byte[]> bytes = new ArrayList<>();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            bytes.add(b);
            bytes.add(mutateBytes(b, random));
        }
        compareBytes(full, bytes);
        assertThat(fast).as("lines taken by the fast path").isGreaterThan(lines.size() / 4);
        // Single-consumer pointers take the specialized branches (numbers, ids, graded ids).
        MonitorPlan single = plan("time: /ts, id: /request_id, num: /latency_ms, nums: /probs, ids: /recommended,"
                + " graded: /clicked, int: /label", "/country");
        assertThat(compare(single, lines)).isGreaterThan(lines.size() / 4);
    }

    @Test
    void aLogTheFastPathCannotReadTurnsItOff() {
        MonitorPlan plan = plan(FIELDS, "/country");
        RecordDecoder decoder = plan.newDecoder();
        DecodedRecord rec = plan.newRecord();
        int num = plan.fields().plan().request("num", io.modelwatch.api.InputKind.NUMBER).slot();
        for (int i = 0; i < 1024; i++) {
            // Integers beyond a long are Jackson's to read.
            assertThat(decoder.decode("{\"ts\":1793491200000,\"latency_ms\":9923372036854775807" + i + "}", rec)).isNull();
            assertThat(rec.num[num]).isEqualTo(Double.parseDouble("9923372036854775807" + i));
        }
        assertThat(decoder.fastPathEnabled()).isFalse();
        long before = decoder.fastLines();
        for (int i = 1; i < RecordDecoder.RETRY_AFTER; i++) {
            assertThat(decoder.decode("{\"ts\":1793491200000,\"latency_ms\":" + i + "}", rec)).isNull();
        }
        assertThat(decoder.fastLines()).as("off while it rests").isEqualTo(before);
        assertThat(decoder.decode("{\"ts\":1793491200000,\"latency_ms\":1}", rec)).isNull();
        assertThat(decoder.fastLines()).as("tried again").isEqualTo(before + 1);
        RecordDecoder plain = plan.newDecoder();
        for (int i = 0; i < 2048; i++) {
            assertThat(plain.decode("{\"ts\":1793491200000,\"output\":{\"text\":\"größe \\\"" + i + "\\\"\"}}", rec)).isNull();
        }
        assertThat(plain.fastPathEnabled()).isTrue();
        assertThat(plain.fastLines()).isEqualTo(2048);
    }

    private static String randomRecord(SplittableRandom r) {
        StringBuilder sb = new StringBuilder("{");
        int fields = 1 + r.nextInt(9);
        boolean first = true;
        if (r.nextInt(10) != 0) {
            sb.append(r.nextBoolean() ? "\"ts\":1793491200000" : "\"ts\":\"2026-11-01T00:0" + r.nextInt(10) + ":00.5Z\"");
            first = false;
        }
        for (int i = 0; i < fields; i++) {
            sb.append(first ? "" : ",").append(ws(r)).append('"').append(KEYS[r.nextInt(KEYS.length)]).append('"')
                    .append(ws(r)).append(':').append(ws(r));
            value(sb, r, 0);
            first = false;
        }
        return sb.append(ws(r)).append('}').toString();
    }

    private static String ws(SplittableRandom r) {
        return r.nextInt(8) == 0 ? new String[] {" ", "\t", "  ", "\r\n"}[r.nextInt(4)] : "";
    }

    private static void value(StringBuilder sb, SplittableRandom r, int depth) {
        int kind = r.nextInt(depth > 3 ? 6 : 9);
        switch (kind) {
            case 0, 1 -> sb.append(number(r));
            case 2 -> sb.append(string(r));
            case 3 -> sb.append(new String[] {"true", "false", "null"}[r.nextInt(3)]);
            case 4, 5 -> sb.append(number(r));
            case 6 -> {
                sb.append('[');
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(ws(r));
                    value(sb, r, depth + 1);
                }
                sb.append(']');
            }
            default -> {
                sb.append('{');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append('"').append(KEYS[r.nextInt(KEYS.length)]).append("\":");
                    value(sb, r, depth + 1);
                }
                sb.append('}');
            }
        }
    }

    private static String number(SplittableRandom r) {
        switch (r.nextInt(9)) {
            case 0:
                return Long.toString(r.nextLong(-1_000_000, 1_000_000));
            case 1:
                return Long.toString(r.nextLong());
            case 2:
                return Double.toString(r.nextDouble());
            case 3:
                return Double.toString(Double.longBitsToDouble(r.nextLong()));
            case 4:
                return String.format(Locale.ROOT, "%." + r.nextInt(1, 20) + "f", r.nextDouble() * Math.pow(10, r.nextInt(-5, 8)));
            case 5:
                return String.format(Locale.ROOT, "%." + r.nextInt(1, 18) + "e", r.nextDouble() * 10);
            case 6: {
                StringBuilder digits = new StringBuilder(r.nextBoolean() ? "-" : "");
                digits.append(1 + r.nextInt(9));
                for (int i = r.nextInt(25); i > 0; i--) {
                    digits.append(r.nextInt(10));
                }
                if (r.nextBoolean()) {
                    digits.append('.').append(r.nextInt(1000));
                }
                if (r.nextBoolean()) {
                    digits.append(r.nextBoolean() ? 'e' : 'E').append(new String[] {"", "+", "-"}[r.nextInt(3)])
                            .append(r.nextInt(400));
                }
                return digits.toString();
            }
            case 7:
                return new String[] {"0", "-0", "0.0", "-0.0", "0e0", "1E-5", "9007199254740993", "4.9e-324", "1e22",
                    "1e23", "123456789012345678", "999999999999999999", "1000000000000000000", "9223372036854775807",
                    "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "12345678901234567890"}[r.nextInt(18)];
            default:
                return String.format(Locale.ROOT, "%.6f", r.nextDouble());
        }
    }

    private static final String[] PIECES = {
        "\\n", "\\t", "\\/", "\\\\", "\\\"", "\\b", "\\f", "\\r", "\\u00e9", "\\uD83D\\uDE00", "\\ud800",
        "\\u0000", "\\uFFFF", "é", "中", "😀", "\u0080", "\u07FF", "\u0800", "\uFFFD", "\uFEFF",
    };

    private static String string(SplittableRandom r) {
        StringBuilder sb = new StringBuilder("\"");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(8) == 0) {
                sb.append(PIECES[r.nextInt(PIECES.length)]);
            } else {
                char ch = (char) (' ' + r.nextInt(95));
                sb.append(ch == '"' || ch == '\\' ? 'q' : ch);
            }
        }
        return sb.append('"').toString();
    }

    /** One random byte edit, often a byte of a UTF-8 sequence, so that ill-formed UTF-8 is covered. */
    private static byte[] mutateBytes(byte[] line, SplittableRandom r) {
        byte[] out = line.clone();
        if (out.length == 0) {
            return out;
        }
        int at = r.nextInt(out.length);
        int[] choices = {0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x90, 0x8F};
        out[at] = (byte) choices[r.nextInt(choices.length)];
        return out;
    }

    /** One random edit: delete, insert or replace a character, or cut the line short. */
    private static String mutate(String line, SplittableRandom r) {
        int at = r.nextInt(line.length());
        String noise = String.valueOf("{}[]\",:.-+eE0123456789 tfn\\\u00e9\u0001x".charAt(r.nextInt(28)));
        switch (r.nextInt(4)) {
            case 0:
                return line.substring(0, at) + line.substring(at + 1);
            case 1:
                return line.substring(0, at) + noise + line.substring(at);
            case 2:
                return line.substring(0, at) + noise + line.substring(at + 1);
            default:
                return line.substring(0, at);
        }
    }
}
