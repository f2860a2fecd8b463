package io.modelwatch.core.kernel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes and reads one segment's states for a checkpoint: its panes, its baseline and its
 * previous windows, each {@code [metric][group]} state through the metric's codec (and so through
 * the plugin guard). Used on the owning shard's thread.
 */
final class SegmentCodec {
    private final MonitorPlan plan;
    private final int groups;

    SegmentCodec(MonitorPlan plan, int groups) {
        this.plan = plan;
        this.groups = groups;
    }

    byte[] encode(SegmentState seg) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(seg.index);
            out.writeLong(seg.lastEmittedEnd);
            out.writeLong(seg.baselineVersion);
            out.writeBoolean(seg.baseline != null);
            if (seg.baseline != null) {
                writeStates(out, seg.baseline);
            }
            out.writeInt(seg.panes.size());
            for (Map.Entry<Long, Object[][]> e : seg.panes.entrySet()) {
                out.writeLong(e.getKey());
                writeStates(out, e.getValue());
            }
            out.writeInt(seg.previous.size());
            for (Object[][] p : seg.previous) {
                writeStates(out, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Returns the segment index a blob belongs to, without decoding its states. */
    static int indexOf(byte[] blob) {
        return ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
    }

    SegmentState decode(byte[] blob, Map<String, String> labels) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
            SegmentState seg = new SegmentState(in.readInt(), labels);
            seg.lastEmittedEnd = in.readLong();
            seg.baselineVersion = in.readLong();
            if (in.readBoolean()) {
                seg.baseline = readStates(in);
            }
            int panes = in.readInt();
            for (int i = 0; i < panes; i++) {
                long key = in.readLong();
                seg.panes.put(key, readStates(in));
            }
            int previous = in.readInt();
            for (int i = 0; i < previous; i++) {
                seg.previous.addLast(readStates(in));
            }
            return seg;
        }
    }

    private void writeStates(DataOutputStream out, Object[][] states) throws IOException {
        for (MetricSlot slot : plan.metrics()) {
            for (int g = 0; g < groups; g++) {
                Object state = states[slot.index()][g];
                if (state == null) {
                    out.writeInt(-1);
                } else {
                    byte[] b = slot.encode(state);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
        }
    }

    private Object[][] readStates(DataInputStream in) throws IOException {
        Object[][] states = new Object[plan.metrics().size()][groups];
        for (MetricSlot slot : plan.metrics()) {
            for (int g = 0; g < groups; g++) {
                int n = in.readInt();
                if (n >= 0) {
                    byte[] b = new byte[n];
                    in.readFully(b);
                    states[slot.index()][g] = slot.decode(b);
                }
            }
        }
        return states;
    }
}
