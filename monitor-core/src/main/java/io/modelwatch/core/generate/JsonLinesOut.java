package io.modelwatch.core.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * A JSON Lines writer for demo records, one object per line, over Jackson's streaming generator.
 *
 * <p>Writes the envelope every demo record shares ({@code ts}, {@code request_id}, {@code model} first;
 * {@code latency_ms}, {@code error} last) and leaves the payload between them to the caller through
 * {@link #json()}. Timestamps are ISO-8601 UTC with milliseconds ({@code 2026-11-01T00:03:12.123Z});
 * decimals are printed from scaled integers so output never depends on {@code Double.toString}.
 * Not thread-safe; closing flushes and closes the file.
 */
final class JsonLinesOut implements Closeable {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .build();

    private final JsonGenerator json;
    private final StringBuilder text = new StringBuilder(32);
    private long cachedEpochDay = Long.MIN_VALUE;
    private String cachedDatePrefix = "";
    private long records;

    private JsonLinesOut(OutputStream out) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    static JsonLinesOut create(Path file) throws IOException {
        requireNonNull(file, "file is null");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new JsonLinesOut(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** The generator positioned inside the current record, for the payload fields. */
    JsonGenerator json() {
        return json;
    }

    /** Number of records ended so far. */
    long records() {
        return records;
    }

    void startRecord(long epochMillis, String idPrefix, long sequence, String model) throws IOException {
        json.writeStartObject();
        json.writeStringField("ts", timestamp(epochMillis));
        json.writeStringField("request_id", requestId(idPrefix, sequence));
        json.writeStringField("model", model);
    }

    void endRecord(double latencyMs, String failure) throws IOException {
        writeDecimalField("latency_ms", latencyMs, 1);
        if (failure == null) {
            json.writeNullField("error");
        } else {
            json.writeStringField("error", failure);
        }
        json.writeEndObject();
        json.writeRaw('\n');
        records++;
    }

    /** Writes {@code value} rounded half-up to {@code digits} decimals, trailing zeros kept to one. */
    void writeDecimalField(String name, double value, int digits) throws IOException {
        json.writeFieldName(name);
        writeDecimal(value, digits);
    }

    void writeDecimal(double value, int digits) throws IOException {
        long scale = pow10(digits);
        json.writeNumber(decimal(Math.round(value * scale), digits));
    }

    /** Writes {@code scaled / 10^digits} exactly, e.g. {@code (1205, 1)} as {@code 120.5}. */
    void writeScaled(long scaled, int digits) throws IOException {
        json.writeNumber(decimal(scaled, digits));
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    static String decimal(long scaled, int digits) {
        long scale = pow10(digits);
        StringBuilder out = new StringBuilder(24);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        out.append(scaled / scale).append('.');
        String fraction = Long.toString(scale + scaled % scale).substring(1);
        int end = fraction.length();
        while (end > 1 && fraction.charAt(end - 1) == '0') {
            end--;
        }
        return out.append(fraction, 0, end).toString();
    }

    private String requestId(String prefix, long sequence) {
        text.setLength(0);
        text.append(prefix).append('-');
        String digits = Long.toString(sequence);
        for (int i = digits.length(); i < 6; i++) {
            text.append('0');
        }
        return text.append(digits).toString();
    }

    private String timestamp(long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, RequestTimes.DAY_MILLIS);
        if (epochDay != cachedEpochDay) {
            cachedEpochDay = epochDay;
            cachedDatePrefix = LocalDate.ofEpochDay(epochDay) + "T";
        }
        int millisOfDay = (int) Math.floorMod(epochMillis, RequestTimes.DAY_MILLIS);
        text.setLength(0);
        text.append(cachedDatePrefix);
        twoDigits(millisOfDay / 3_600_000);
        text.append(':');
        twoDigits(millisOfDay / 60_000 % 60);
        text.append(':');
        twoDigits(millisOfDay / 1000 % 60);
        text.append('.');
        int millis = millisOfDay % 1000;
        text.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z');
        return text.toString();
    }

    private void twoDigits(int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static long pow10(int digits) {
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("digits must be in [1, 9]: " + digits);
        }
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        return scale;
    }
}
