package io.modelwatch.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.InputKind;
import io.modelwatch.api.Observation;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field-projecting decoder, built the way a run builds it: a monitor's {@code fields:} in
 * YAML, a metric ({@code test.probe}) asking for one input of every kind, then the plan's decoder.
 */
class RecordDecoderTest {
    @TempDir
    Path dir;

    private MonitorPlan plan;
    private RecordDecoder decoder;
    private DecodedRecord rec;

    private void build(String timeFormat, String fields) {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        plan = h.plans("""
                monitors:
                  - name: probe
                    source: { type: jsonl, path: in.jsonl, time-format: %s }
                    fields: { %s }
                    metrics:
                      - { type: test.probe }
                """.formatted(timeFormat, fields)).get(0);
        decoder = plan.newDecoder();
        rec = plan.newRecord();
    }

    private void buildAll() {
        build("auto", "time: /ts, id: /request_id, text: /output/text, texts: /gold, num: /latency_ms, nums: /probs,"
                + " int: /label, ids: /recommended, graded: /clicked, flag: /error, scalar: /label, first: /gold/0,"
                + " second: /probs/1, deep: /a/b/c");
    }

    private FieldRef ref(String field, InputKind kind) {
        return plan.fields().plan().request(field, kind);
    }

    private String decode(String line) {
        return decoder.decode(line, rec);
    }

    @Test
    void readsNestedPointersAndArrayIndexesAndSkipsTheRest() {
        buildAll();
        String problem = decode("{\"ts\":\"2026-11-01T00:03:12.123Z\",\"request_id\":\"mt-1\",\"skip\":{\"output\":{\"text\":\"no\"}},"
                + "\"output\":{\"text\":\"Hallo Welt\",\"tokens\":[1,2]},\"gold\":[\"Hello world\",\"Hi world\"],"
                + "\"probs\":[0.25,0.5,0.25],\"a\":{\"x\":[{\"c\":9}],\"b\":{\"c\":42.5}},\"latency_ms\":120.5}");
        assertThat(problem).isNull();
        assertThat(rec.timeMillis()).isEqualTo(Instant.parse("2026-11-01T00:03:12.123Z").toEpochMilli());
        assertThat(rec.id()).isEqualTo("mt-1");
        assertThat(rec.text(ref("text", InputKind.TEXT))).isEqualTo("Hallo Welt");
        assertThat(rec.texts(ref("texts", InputKind.TEXTS))).containsExactly("Hello world", "Hi world");
        assertThat(rec.text(ref("first", InputKind.TEXT))).isEqualTo("Hello world");
        assertThat(rec.numbers(ref("nums", InputKind.NUMBERS))).containsExactly(0.25, 0.5, 0.25);
        assertThat(rec.number(ref("second", InputKind.NUMBER))).isEqualTo(0.5);
        assertThat(rec.number(ref("deep", InputKind.NUMBER))).isEqualTo(42.5);
        assertThat(rec.number(ref("num", InputKind.NUMBER))).isEqualTo(120.5);
        assertThat(rec.model()).isEqualTo("probe");
    }

    @Test
    void arrayIndexPointerWithoutTheWholeArray() {
        build("auto", "time: /ts, first: /gold/1, second: /m/0/1");
        assertThat(decode("{\"gold\":[\"a\",\"b\",\"c\"],\"m\":[[1,2.5],[3,4]],\"ts\":1793491200000}")).isNull();
        assertThat(rec.text(ref("first", InputKind.TEXT))).isEqualTo("b");
        assertThat(rec.number(ref("second", InputKind.NUMBER))).isEqualTo(2.5);
        // Index past the end: missing, not an error.
        assertThat(decode("{\"gold\":[\"a\"],\"m\":[],\"ts\":1793491200000}")).isNull();
        assertThat(rec.has(ref("first", InputKind.TEXT))).isFalse();
        assertThat(rec.number(ref("second", InputKind.NUMBER))).isNaN();
    }

    @Test
    void pointerTokensAreUnescaped() {
        build("auto", "time: /ts, text: \"/a~1b/c~0d\"");
        assertThat(decode("{\"ts\":1793491200000,\"a/b\":{\"c~d\":\"yes\"}}")).isNull();
        assertThat(rec.text(ref("text", InputKind.TEXT))).isEqualTo("yes");
    }

    @Test
    void numbersAreReadAsTextForIds() {
        buildAll();
        assertThat(decode("{\"ts\":1793491200000,\"request_id\":123456,\"recommended\":[12,\"i5\",3.0,1.5,true]}")).isNull();
        assertThat(rec.id()).isEqualTo("123456");
        assertThat(rec.ids(ref("ids", InputKind.IDS))).containsExactly("12", "i5", "3", "1.5", "true");
        // A single id is not a list of ids.
        assertThat(decode("{\"ts\":1793491200000,\"recommended\":\"i5\"}")).isNull();
        assertThat(rec.ids(ref("ids", InputKind.IDS))).isNull();
    }

    @Test
    void gradedIdsFromListAndMap() {
        buildAll();
        assertThat(decode("{\"ts\":1793491200000,\"clicked\":[\"i5\",7]}")).isNull();
        assertThat(rec.gradedIds(ref("graded", InputKind.GRADED_IDS))).containsExactly(Map.entry("i5", 1.0), Map.entry("7", 1.0));
        assertThat(decode("{\"ts\":1793491200000,\"clicked\":{\"i9\":3,\"i2\":\"2\",\"i4\":\"high\"}}")).isNull();
        Map<String, Double> graded = rec.gradedIds(ref("graded", InputKind.GRADED_IDS));
        assertThat(graded.keySet()).containsExactly("i9", "i2", "i4");
        assertThat(graded.get("i9")).isEqualTo(3.0);
        assertThat(graded.get("i2")).isEqualTo(2.0);
        assertThat(graded.get("i4")).isNaN();
    }

    @Test
    void numbersArrayWithNonNumbersGivesNaN() {
        buildAll();
        assertThat(decode("{\"ts\":1793491200000,\"probs\":[0.1,\"x\",null,\"0.5\",true,[1],{\"a\":1},7]}")).isNull();
        double[] d = rec.numbers(ref("nums", InputKind.NUMBERS));
        assertThat(d).hasSize(8);
        assertThat(d[0]).isEqualTo(0.1);
        assertThat(d[1]).isNaN();
        assertThat(d[2]).isNaN();
        assertThat(d[3]).isEqualTo(0.5);
        assertThat(d[4]).isNaN();
        assertThat(d[5]).isNaN();
        assertThat(d[6]).isNaN();
        assertThat(d[7]).isEqualTo(7.0);
        // The same field read by index too (the generic path through the trie).
        assertThat(rec.number(ref("second", InputKind.NUMBER))).isNaN();
    }

    @Test
    void longNumbersArraysGrowTheBuffer() {
        buildAll();
        StringBuilder sb = new StringBuilder("{\"ts\":1793491200000,\"probs\":[");
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 0 ? "" : ",").append(i);
        }
        assertThat(decode(sb.append("]}").toString())).isNull();
        double[] d = rec.numbers(ref("nums", InputKind.NUMBERS));
        assertThat(d).hasSize(1000);
        assertThat(d[999]).isEqualTo(999.0);
    }

    @Test
    void nullAndMissingAreBothAbsentButFalseIsPresent() {
        buildAll();
        FieldRef flag = ref("flag", InputKind.FLAG);
        FieldRef num = ref("num", InputKind.NUMBER);
        FieldRef text = ref("text", InputKind.TEXT);
        assertThat(decode("{\"ts\":1793491200000,\"error\":null,\"latency_ms\":null,\"output\":{\"text\":null}}")).isNull();
        assertThat(rec.has(flag)).isFalse();
        assertThat(rec.flag(flag)).isFalse();
        assertThat(rec.has(num)).isFalse();
        assertThat(rec.number(num)).isNaN();
        assertThat(rec.has(text)).isFalse();
        assertThat(rec.text(text)).isNull();

        assertThat(decode("{\"ts\":1793491200000}")).isNull();
        assertThat(rec.has(flag)).isFalse();
        assertThat(rec.flag(flag)).isFalse();
        assertThat(rec.has(num)).isFalse();
        assertThat(rec.number(num)).isNaN();
        assertThat(rec.text(text)).isNull();

        assertThat(decode("{\"ts\":1793491200000,\"error\":false,\"latency_ms\":\"12.5\",\"output\":{\"text\":\"\"}}")).isNull();
        assertThat(rec.has(flag)).isTrue();
        assertThat(rec.flag(flag)).isFalse();
        assertThat(rec.number(num)).isEqualTo(12.5);
        assertThat(rec.text(text)).isEmpty();

        assertThat(decode("{\"ts\":1793491200000,\"error\":\"timeout\",\"latency_ms\":\"slow\"}")).isNull();
        assertThat(rec.flag(flag)).isTrue();
        assertThat(rec.has(num)).isTrue();
        assertThat(rec.number(num)).isNaN();
    }

    @Test
    void valuesFromOneLineDoNotLeakIntoTheNext() {
        buildAll();
        assertThat(decode("{\"ts\":1793491200000,\"request_id\":\"a\",\"error\":true,\"label\":3,\"probs\":[1],"
                + "\"gold\":[\"g\"],\"clicked\":[\"c\"],\"recommended\":[\"r\"]}")).isNull();
        assertThat(decode("{\"ts\":1793491200001}")).isNull();
        assertThat(rec.id()).isNull();
        assertThat(rec.flag(ref("flag", InputKind.FLAG))).isFalse();
        assertThat(rec.integer(ref("int", InputKind.INTEGER))).isEqualTo(Observation.MISSING_INTEGER);
        assertThat(rec.numbers(ref("nums", InputKind.NUMBERS))).isNull();
        assertThat(rec.texts(ref("texts", InputKind.TEXTS))).isNull();
        assertThat(rec.gradedIds(ref("graded", InputKind.GRADED_IDS))).isNull();
        assertThat(rec.ids(ref("ids", InputKind.IDS))).isNull();
        assertThat(rec.scalar(ref("scalar", InputKind.SCALAR))).isNull();
    }

    @Test
    void integersAndScalars() {
        buildAll();
        FieldRef integer = ref("int", InputKind.INTEGER);
        FieldRef scalar = ref("scalar", InputKind.SCALAR);
        assertThat(decode("{\"ts\":1793491200000,\"label\":3}")).isNull();
        assertThat(rec.integer(integer)).isEqualTo(3);
        assertThat(rec.scalar(scalar)).isEqualTo(3.0);
        assertThat(decode("{\"ts\":1793491200000,\"label\":4.0}")).isNull();
        assertThat(rec.integer(integer)).isEqualTo(4);
        assertThat(decode("{\"ts\":1793491200000,\"label\":4.5}")).isNull();
        assertThat(rec.integer(integer)).isEqualTo(Observation.MISSING_INTEGER);
        assertThat(rec.scalar(scalar)).isEqualTo(4.5);
        assertThat(decode("{\"ts\":1793491200000,\"label\":\"cat\"}")).isNull();
        assertThat(rec.integer(integer)).isEqualTo(Observation.MISSING_INTEGER);
        assertThat(rec.scalar(scalar)).isEqualTo("cat");
        assertThat(decode("{\"ts\":1793491200000,\"label\":[1]}")).isNull();
        assertThat(rec.scalar(scalar)).isNull();
    }

    @Test
    void textsAcceptASingleString() {
        buildAll();
        assertThat(decode("{\"ts\":1793491200000,\"gold\":\"only one\"}")).isNull();
        assertThat(rec.texts(ref("texts", InputKind.TEXTS))).containsExactly("only one");
    }

    // ---- time ----

    private long time(String format, String value) {
        build(format, "time: /ts");
        String problem = decode("{\"ts\":" + value + "}");
        assertThat(problem).as("decoding time %s as %s", value, format).isNull();
        return rec.timeMillis();
    }

    private String timeProblem(String format, String value) {
        build(format, "time: /ts");
        return decode("{\"ts\":" + value + "}");
    }

    @Test
    void timeAsIsoText() {
        long expected = Instant.parse("2026-11-01T00:03:12.123Z").toEpochMilli();
        assertThat(time("auto", "\"2026-11-01T00:03:12.123Z\"")).isEqualTo(expected);
        assertThat(time("iso", "\"2026-11-01T00:03:12.123Z\"")).isEqualTo(expected);
        assertThat(time("iso", "\"2026-11-01T01:03:12.123+01:00\"")).isEqualTo(expected);
        assertThat(time("auto", "\"2026-11-01T00:03:12.1234567Z\"")).isEqualTo(expected);
        assertThat(time("auto", "\"2026-11-01T00:03:12.1Z\"")).isEqualTo(expected - 23);
        assertThat(time("auto", "\"2026-11-01T00:03:12Z\"")).isEqualTo(expected - 123);
    }

    @Test
    void timeAsEpochNumbersPerFormat() {
        long ms = Instant.parse("2026-11-01T00:03:12.123Z").toEpochMilli();
        assertThat(time("auto", Long.toString(ms))).isEqualTo(ms);
        assertThat(time("epoch-millis", Long.toString(ms))).isEqualTo(ms);
        assertThat(time("auto", (ms / 1000) + ".123")).isEqualTo(ms);
        assertThat(time("epoch-seconds", (ms / 1000) + ".123")).isEqualTo(ms);
        assertThat(time("epoch-seconds", Long.toString(ms / 1000))).isEqualTo(ms - 123);
        // A small number read as milliseconds only when the format says so.
        assertThat(time("epoch-millis", "5000")).isEqualTo(5000);
        assertThat(time("auto", "5000")).isEqualTo(5_000_000);
    }

    @Test
    void timeAsNumericString() {
        long ms = Instant.parse("2026-11-01T00:03:12.123Z").toEpochMilli();
        assertThat(time("auto", "\"" + ms + "\"")).isEqualTo(ms);
        assertThat(time("epoch-millis", "\"" + ms + "\"")).isEqualTo(ms);
        assertThat(time("epoch-seconds", "\"" + (ms / 1000) + ".123\"")).isEqualTo(ms);
        assertThat(timeProblem("iso", "\"" + ms + "\"")).isEqualTo("unparsable time '" + ms + "'");
    }

    @Test
    void badTimesAreReasons() {
        assertThat(timeProblem("auto", "\"yesterday\"")).isEqualTo("unparsable time 'yesterday'");
        assertThat(timeProblem("auto", "\"2026-11-01T00:03:12\"")).isEqualTo("unparsable time '2026-11-01T00:03:12'");
        assertThat(timeProblem("auto", "\"2026-13-01T00:03:12Z\"")).isEqualTo("unparsable time '2026-13-01T00:03:12Z'");
        assertThat(timeProblem("auto", "\"2026-02-30T00:03:12Z\"")).isEqualTo("unparsable time '2026-02-30T00:03:12Z'");
        assertThat(timeProblem("auto", "\"2026-11-01T00:03:12.12a4567890Z\""))
                .isEqualTo("unparsable time '2026-11-01T00:03:12.12a4567890Z'");
        assertThat(timeProblem("auto", "null")).isEqualTo("time field is null");
        assertThat(timeProblem("auto", "{\"s\":1}")).isEqualTo("time field is not a timestamp");
        assertThat(timeProblem("iso", "1793491200000")).isEqualTo("time is a number but the source's time-format is iso");
        build("auto", "time: /ts");
        assertThat(decode("{\"other\":1}")).isEqualTo("missing time field");
        assertThat(decode("{\"ts\":[1793491200000]}")).isEqualTo("time field is not a timestamp");
    }

    @Test
    void invalidJsonIsAReason() {
        build("auto", "time: /ts");
        assertThat(decode("{\"ts\":1793491200000,")).startsWith("invalid JSON");
        assertThat(decode("{\"ts\":1793491200000} {\"ts\":1}")).startsWith("invalid JSON");
        assertThat(decode("{ts:1}")).startsWith("invalid JSON");
        assertThat(decode("not json")).startsWith("invalid JSON");
        assertThat(decode("[1,2]")).isEqualTo("not a JSON object");
        assertThat(decode("\"text\"")).isEqualTo("not a JSON object");
        // A bad line does not spoil the next one.
        assertThat(decode("{\"ts\":1793491200000}")).isNull();
        assertThat(rec.timeMillis()).isEqualTo(1793491200000L);
    }

    @Test
    void fastIsoPathAgreesWithTheJdk() {
        Random random = new Random(7);
        long from = Instant.parse("1990-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 5000; i++) {
            Instant t = Instant.ofEpochMilli(from + (long) (random.nextDouble() * 2e12)).plusNanos(random.nextInt(1000) * 1000L);
            String s = t.toString();
            assertThat(RecordDecoder.parseIso(s)).as(s).isEqualTo(t.toEpochMilli());
            String offset = OffsetDateTime.ofInstant(t, java.time.ZoneOffset.ofHours(random.nextInt(25) - 12)).toString();
            assertThat(RecordDecoder.parseIso(offset)).as(offset).isEqualTo(t.toEpochMilli());
        }
    }

    @Test
    void segmentValuesAreReadAsText() {
        KernelHarness h = new KernelHarness(dir, new ProbePlugin());
        MonitorPlan p = h.plans("""
                monitors:
                  - name: seg
                    source: { path: in.jsonl }
                    fields: { time: /ts }
                    segment-by: [/country, /meta/tier]
                    metrics: [ { type: core.count } ]
                """).get(0);
        RecordDecoder d = p.newDecoder();
        DecodedRecord r = p.newRecord();
        assertThat(d.decode("{\"ts\":1793491200000,\"country\":\"de\",\"meta\":{\"tier\":2}}", r)).isNull();
        assertThat(d.segmentValues()).containsExactly("de", "2");
        assertThat(d.decode("{\"ts\":1793491200000,\"country\":null}", r)).isNull();
        assertThat(d.segmentValues()).containsExactly(null, null);
        assertThat(List.of(p.metrics().get(0).type())).containsExactly("core.count");
    }
}
