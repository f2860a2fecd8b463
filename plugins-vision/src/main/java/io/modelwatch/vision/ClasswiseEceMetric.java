package io.modelwatch.vision;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.StateCodec;
import io.modelwatch.api.Table;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code vision.classwise_ece}: for each class c, the ECE of the one-vs-rest problem "is the
 * label c?" with confidence p_c (equal-width bins, the {@code compat} bin-edge convention), and
 * their macro average over the classes that have samples.
 *
 * <p>This is the definition of {@code vision.calibration} in {@code positive_class} mode applied
 * to each class in turn; for a binary classifier the ECE of class 1 is exactly that metric's
 * value. Records with fewer classes than others count for the classes they have. The table lists
 * the {@code max_classes} classes with the most labels (ties: lower index first) and pools the
 * rest, bin by bin, into one {@code __other__} row. Immutable and thread-safe; add allocates only
 * when a record has more classes than the state has seen.
 */
final class ClasswiseEceMetric implements Metric<ClasswiseState> {
    static final String OTHER = "__other__";
    private static final List<String> COLUMNS = List.of("class", "labels", "samples", "ece");

    private final PredictionInput input;
    private final int bins;
    private final BinConvention convention;
    private final double[] boundaries;
    private final int maxClasses;
    private final int classLimit;
    private final Codec codec = new Codec();

    ClasswiseEceMetric(PredictionInput input, int bins, BinConvention convention, boolean linspaceEdges,
                       int maxClasses, int classLimit) {
        this.input = requireNonNull(input, "input is null");
        this.convention = requireNonNull(convention, "convention is null");
        this.bins = bins;
        this.boundaries = BinConvention.boundaries(bins, linspaceEdges);
        this.maxClasses = maxClasses;
        this.classLimit = classLimit;
    }

    @Override
    public ClasswiseState newState() {
        return new ClasswiseState(convention.slots(bins));
    }

    @Override
    public void add(ClasswiseState s, Observation o) {
        PredictionBuffer b = s.buffer;
        if (!input.read(o, b) || b.classes > classLimit) {
            s.rejected++;
            return;
        }
        int classes = b.classes;
        s.ensureClasses(classes);
        double[] p = b.probs;
        int y = b.label;
        int slots = s.slots;
        s.count++;
        s.labelCount[y]++;
        for (int c = 0; c < classes; c++) {
            int i = c * slots + convention.slot(p[c], boundaries, bins);
            s.binProbability.addPending(i, p[c]);
            if ((++s.binCount[i] & (CompensatedSums.BLOCK - 1)) == 0) {
                s.binProbability.flush(i);
            }
            if (c == y) {
                s.binPositive[i]++;
            }
        }
    }

    @Override
    public void merge(ClasswiseState target, ClasswiseState source) {
        target.ensureClasses(source.classes);
        target.binProbability.flushAll();
        target.count += source.count;
        target.rejected += source.rejected;
        for (int c = 0; c < source.classes; c++) {
            target.labelCount[c] += source.labelCount[c];
        }
        for (int i = 0; i < source.binCount.length; i++) {
            target.binCount[i] += source.binCount[i];
            target.binPositive[i] += source.binPositive[i];
        }
        target.binProbability.addAll(source.binProbability, 0);
    }

    private BinnedCalibration binned(ClasswiseState s, int[] members) {
        int slots = s.slots;
        double[] lower = new double[slots];
        double[] upper = new double[slots];
        long[] count = new long[slots];
        long[] positive = new long[slots];
        double[] sum = new double[slots];
        CompensatedSums pooled = new CompensatedSums(slots);
        for (int slot = 0; slot < slots; slot++) {
            lower[slot] = BinConvention.lower(boundaries, bins, slot);
            upper[slot] = BinConvention.upper(boundaries, bins, slot);
            for (int c : members) {
                int i = c * slots + slot;
                count[slot] += s.binCount[i];
                positive[slot] += s.binPositive[i];
                pooled.add(slot, s.binProbability.value(i));
            }
            sum[slot] = pooled.value(slot);
        }
        return new BinnedCalibration(lower, upper, count, sum, positive);
    }

    private long samples(ClasswiseState s, int c) {
        long n = 0;
        for (int slot = 0; slot < s.slots; slot++) {
            n += s.binCount[c * s.slots + slot];
        }
        return n;
    }

    @Override
    public MetricValue result(ClasswiseState s) {
        double[] ece = new double[s.classes];
        double total = 0;
        int withSamples = 0;
        for (int c = 0; c < s.classes; c++) {
            ece[c] = binned(s, new int[] {c}).ece;
            if (!Double.isNaN(ece[c])) {
                total += ece[c];
                withSamples++;
            }
        }
        Integer[] order = new Integer[s.classes];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(c -> -s.labelCount[c]).thenComparingInt(c -> c));
        List<List<Object>> rows = new ArrayList<>();
        int shown = Math.min(maxClasses, order.length);
        List<String> names = input.classNames();
        for (int r = 0; r < shown; r++) {
            int c = order[r];
            rows.add(Arrays.asList(c < names.size() ? names.get(c) : Integer.toString(c), s.labelCount[c],
                    samples(s, c), Double.isFinite(ece[c]) ? ece[c] : null));
        }
        if (order.length > shown) {
            int[] rest = new int[order.length - shown];
            long labels = 0;
            long samples = 0;
            for (int r = shown; r < order.length; r++) {
                rest[r - shown] = order[r];
                labels += s.labelCount[order[r]];
                samples += samples(s, order[r]);
            }
            double pooled = binned(s, rest).ece;
            rows.add(Arrays.asList(OTHER, labels, samples, Double.isFinite(pooled) ? pooled : null));
        }
        return MetricValue.builder()
                .count(s.count)
                .rejected(s.rejected)
                .put("macro_ece", total / withSamples)
                .put("class_count", withSamples == 0 ? Double.NaN : withSamples)
                .table("classes", new Table(COLUMNS, rows))
                .build();
    }

    @Override
    public StateCodec<ClasswiseState> codec() {
        return codec;
    }

    /** Version 1: counts, class count, slots, per-class label counts, then the class-major bin arrays. */
    private final class Codec implements StateCodec<ClasswiseState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(ClasswiseState s, DataOutput out) throws IOException {
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeInt(s.slots);
            out.writeInt(s.classes);
            for (int c = 0; c < s.classes; c++) {
                out.writeLong(s.labelCount[c]);
            }
            for (int i = 0; i < s.binCount.length; i++) {
                out.writeLong(s.binCount[i]);
                out.writeLong(s.binPositive[i]);
            }
            s.binProbability.write(out);
        }

        @Override
        public ClasswiseState decode(DataInput in, int version) throws IOException {
            ClasswiseState s = newState();
            s.count = in.readLong();
            s.rejected = in.readLong();
            int slots = in.readInt();
            if (slots != s.slots) {
                throw new IOException("state has " + slots + " bins per class but the metric uses " + s.slots);
            }
            int classes = in.readInt();
            if (classes < 0 || classes > classLimit) {
                throw new IOException("state has " + classes + " classes, more than class_limit " + classLimit);
            }
            s.ensureClasses(classes);
            for (int c = 0; c < classes; c++) {
                s.labelCount[c] = in.readLong();
            }
            for (int i = 0; i < classes * slots; i++) {
                s.binCount[i] = in.readLong();
                s.binPositive[i] = in.readLong();
            }
            s.binProbability = CompensatedSums.read(in, classes * slots);
            return s;
        }
    }
}
