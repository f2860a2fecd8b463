package io.modelwatch.core.kernel;

import io.modelwatch.core.config.MetricConfig;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.source.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a monitor needs to resume after a crash: the reader's counters and segment registry,
 * the source position, the dead-letter file's length, and every segment's pane, baseline and
 * previous-window states (each through its metric's codec). The envelope names each metric's
 * type, plugin, plugin version and codec format version, so a state written by a plugin this host
 * cannot read is refused by name instead of misread.
 *
 * <p>Binary layout (big-endian, {@link DataOutputStream}): magic {@code MWCK}, format version, then
 * the fields in declaration order; {@link #FORMAT} rises when the layout changes, and {@link #decode}
 * keeps reading every older format.
 *
 * @param segments one self-contained blob per segment (see {@link SegmentCodec})
 * @param position where the source stands; null before the first record of a file
 * @param attached state the run attached for this monitor (alert states), taken at the same point; empty when none
 */
record MonitorCheckpoint(String monitor, String fingerprint, long writtenAt, int groups, List<MetricHeader> metrics,
                         long records, long late, long counter, long maxTime, long minTime, long closedUpTo,
                         long windows, long deadLettered, long deadLetterBytes, List<String> segmentKeys,
                         List<Map<String, String>> segmentLabels, SourcePosition position, List<byte[]> segments,
                         byte[] attached) {
    static final int MAGIC = 0x4D57434B; // "MWCK"
    static final int FORMAT = 1;

    /** What wrote one metric's states. */
    record MetricHeader(String name, String type, String plugin, String pluginVersion, int codecVersion) {
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(monitor);
            out.writeUTF(fingerprint);
            out.writeLong(writtenAt);
            out.writeInt(groups);
            out.writeInt(metrics.size());
            for (MetricHeader m : metrics) {
                out.writeUTF(m.name());
                out.writeUTF(m.type());
                out.writeUTF(m.plugin());
                out.writeUTF(m.pluginVersion());
                out.writeInt(m.codecVersion());
            }
            for (long v : new long[] {records, late, counter, maxTime, minTime, closedUpTo, windows, deadLettered,
                    deadLetterBytes}) {
                out.writeLong(v);
            }
            out.writeInt(segmentKeys.size());
            for (int i = 0; i < segmentKeys.size(); i++) {
                writeLong(out, segmentKeys.get(i));
                Map<String, String> labels = segmentLabels.get(i);
                out.writeInt(labels.size());
                for (Map.Entry<String, String> e : labels.entrySet()) {
                    writeLong(out, e.getKey());
                    writeLong(out, e.getValue());
                }
            }
            out.writeBoolean(position != null);
            if (position != null) {
                writeLong(out, position.file());
                writeLong(out, position.fileKey());
                out.writeLong(position.offset());
                out.writeLong(position.line());
            }
            out.writeInt(segments.size());
            for (byte[] s : segments) {
                out.writeInt(s.length);
                out.write(s);
            }
            out.writeInt(attached.length);
            out.write(attached);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a checkpoint.
     *
     * @throws CheckpointRefusedException when the bytes are not a checkpoint, come from a newer
     *     format, or are damaged
     */
    static MonitorCheckpoint decode(byte[] data, String monitor) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (data.length < 8 || in.readInt() != MAGIC) {
                throw new CheckpointRefusedException("the checkpoint of monitor '" + monitor + "' is not a ModelWatch checkpoint");
            }
            int format = in.readInt();
            if (format < 1 || format > FORMAT) {
                throw new CheckpointRefusedException("the checkpoint of monitor '" + monitor + "' has format " + format
                        + ", newer than this ModelWatch reads (up to " + FORMAT + "); run the newer version, or start"
                        + " afresh with run --fresh");
            }
            String name = in.readUTF();
            String fingerprint = in.readUTF();
            long writtenAt = in.readLong();
            int groups = in.readInt();
            int n = in.readInt();
            List<MetricHeader> metrics = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                metrics.add(new MetricHeader(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readInt()));
            }
            long[] v = new long[9];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readLong();
            }
            int segs = in.readInt();
            List<String> keys = new ArrayList<>();
            List<Map<String, String>> labels = new ArrayList<>();
            for (int i = 0; i < segs; i++) {
                keys.add(readLong(in));
                int m = in.readInt();
                Map<String, String> l = new LinkedHashMap<>();
                for (int j = 0; j < m; j++) {
                    l.put(readLong(in), readLong(in));
                }
                labels.add(l);
            }
            SourcePosition position = in.readBoolean()
                    ? new SourcePosition(readLong(in), readLong(in), in.readLong(), in.readLong()) : null;
            int blobs = in.readInt();
            List<byte[]> segments = new ArrayList<>();
            for (int i = 0; i < blobs; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                segments.add(b);
            }
            byte[] attached = new byte[in.readInt()];
            in.readFully(attached);
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            return new MonitorCheckpoint(name, fingerprint, writtenAt, groups, metrics, v[0], v[1], v[2], v[3], v[4],
                    v[5], v[6], v[7], v[8], keys, labels, position, segments, attached);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointRefusedException r) {
                throw r;
            }
            throw new CheckpointRefusedException("the checkpoint of monitor '" + monitor + "' is damaged (" + e
                    + "); start afresh with run --fresh", e);
        }
    }

    /** Writes a string of any length (writeUTF stops at 64 KiB). */
    static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readLong(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 26)) {
            throw new IOException("string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Returns what a checkpoint's states depend on, as a hash: the source, fields, segments, window,
     * baseline, intervals and each metric's name, type, params and inputs. Sinks, alert rules and
     * the model's name may change between runs without invalidating a checkpoint.
     */
    static String fingerprint(MonitorPlan plan) {
        MonitorConfig c = plan.config();
        StringBuilder sb = new StringBuilder();
        sb.append("mode=").append(c.mode()).append('\n')
                .append("source=").append(c.source().path()).append('|').append(c.source().timeFormat()).append('\n')
                .append("fields=").append(new java.util.TreeMap<>(c.fields())).append('\n')
                .append("segment-by=").append(c.segmentBy()).append('|').append(c.maxSegments()).append('\n')
                .append("window=").append(c.window()).append('\n')
                .append("baseline=").append(c.baseline()).append('\n')
                .append("groups=").append(c.intervals().enabled() ? c.intervals().groups() : 1).append('\n');
        for (MetricConfig m : c.metrics()) {
            sb.append("metric=").append(m.displayName()).append('|').append(m.type()).append('|')
                    .append(new java.util.TreeMap<>(m.params())).append('|').append(new java.util.TreeMap<>(m.inputs()))
                    .append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that this host's metrics can read the states.
     *
     * @throws CheckpointRefusedException naming the plugin's version that wrote a state format this
     *     host's plugin cannot read, and the installed version
     */
    void checkReadable(MonitorPlan plan) {
        for (MetricHeader h : metrics) {
            MetricSlot slot = plan.metrics().stream().filter(s -> s.name().equals(h.name())).findFirst().orElse(null);
            if (slot == null || !slot.type().equals(h.type())) {
                throw new CheckpointRefusedException("the checkpoint of monitor '" + monitor + "' holds metric '"
                        + h.name() + "' (" + h.type() + ") that the configuration does not have; start afresh with run --fresh");
            }
            int readable = slot.codecVersion();
            if (h.codecVersion() > readable) {
                throw new CheckpointRefusedException("the checkpoint of monitor '" + monitor + "' holds " + h.type()
                        + " states in format " + h.codecVersion() + ", written by plugin " + h.plugin() + " "
                        + h.pluginVersion() + "; the installed plugin " + slot.plugin() + " " + slot.pluginVersion()
                        + " reads formats up to " + readable + ". Install plugin " + h.plugin() + " " + h.pluginVersion()
                        + " or newer, or start afresh with run --fresh (the checkpointed progress is then lost)");
            }
        }
    }
}
