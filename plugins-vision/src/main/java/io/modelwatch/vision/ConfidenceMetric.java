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
 * {@code vision.confidence}: label-free monitoring of a classifier's outputs — the distribution
 * of its top-label confidence (mean, quantiles, histogram), its mean predictive entropy, and the
 * distribution of predicted classes.
 *
 * <p>Quantiles are read from a {@link ConfidenceGrid} histogram with linear interpolation inside
 * a cell: the q-quantile reported lies in the grid cell of the order statistic of rank
 * {@code ceil(q N)}, so it is within 1/128 of that statistic's distance to the nearer end of
 * {@code [0, 1]} (and within 2^-31 near 0 and 1). The histogram table
 * uses equal-width bins {@code [k/n, (k+1)/n)}, the last one closed. Entropy is
 * {@code −Σ p ln p} in nats with {@code 0 ln 0 = 0}. Predicted class = first maximum, as in
 * {@code vision.calibration}. Against a baseline, {@link #drift} adds the PSI and the
 * Kolmogorov–Smirnov test of the confidence distribution and the χ² test of the predicted
 * classes. Immutable and thread-safe.
 */
final class ConfidenceMetric implements Metric<ConfidenceState> {
    private static final List<String> HISTOGRAM_COLUMNS = List.of("lower", "upper", "count", "share");
    private static final List<String> CLASS_COLUMNS = List.of("class", "count", "share");
    /** The smallest share in the PSI, so that a bin empty on one side stays finite. */
    static final double PSI_FLOOR = 1e-4;

    private final PredictionInput input;
    private final int bins;
    private final double[] boundaries;
    private final double[] quantiles;
    private final List<String> quantileNames;
    private final int maxClasses;
    private final int classLimit;
    private final Codec codec = new Codec();

    ConfidenceMetric(PredictionInput input, int bins, List<Long> percentiles, int maxClasses, int classLimit) {
        this.input = requireNonNull(input, "input is null");
        this.bins = bins;
        this.boundaries = BinConvention.boundaries(bins);
        this.quantiles = new double[percentiles.size()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < quantiles.length; i++) {
            long p = percentiles.get(i);
            if (p < 0 || p > 100) {
                throw new IllegalArgumentException("percentiles must be between 0 and 100, got " + p);
            }
            quantiles[i] = p / 100.0;
            names.add("confidence_p" + p);
        }
        this.quantileNames = List.copyOf(names);
        this.maxClasses = maxClasses;
        this.classLimit = classLimit;
    }

    @Override
    public ConfidenceState newState() {
        return new ConfidenceState(bins);
    }

    @Override
    public void add(ConfidenceState s, Observation o) {
        PredictionBuffer b = s.buffer;
        if (!input.read(o, b) || b.classes > classLimit) {
            s.rejected++;
            return;
        }
        double[] p = b.probs;
        int classes = b.classes;
        int top = 0;
        double best = p[0];
        double entropy = 0;
        for (int c = 0; c < classes; c++) {
            double x = p[c];
            if (x > best) {
                best = x;
                top = c;
            }
            if (x > 0) {
                entropy -= x * Math.log(x);
            }
        }
        s.histogram[BinConvention.NETCAL.slot(best, boundaries, bins)]++;
        s.grid[ConfidenceGrid.cell(best)]++;
        s.sums.addPending(ConfidenceState.CONFIDENCE, best);
        s.sums.addPending(ConfidenceState.ENTROPY, entropy);
        if ((++s.count & (CompensatedSums.BLOCK - 1)) == 0) {
            s.sums.flushAll();
        }
        s.ensureClasses(classes);
        s.predicted[top]++;
    }

    @Override
    public void merge(ConfidenceState target, ConfidenceState source) {
        target.sums.flushAll();
        target.count += source.count;
        target.rejected += source.rejected;
        for (int i = 0; i < bins; i++) {
            target.histogram[i] += source.histogram[i];
        }
        for (int i = 0; i < ConfidenceGrid.CELLS; i++) {
            target.grid[i] += source.grid[i];
        }
        target.sums.addAll(source.sums);
        target.ensureClasses(source.predicted.length);
        for (int c = 0; c < source.predicted.length; c++) {
            target.predicted[c] += source.predicted[c];
        }
    }

    /** Returns the q-quantile of the grid histogram, interpolating linearly inside the cell. */
    static double quantile(long[] grid, long total, double q) {
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long before = 0;
        for (int i = 0; i < grid.length; i++) {
            long n = grid[i];
            if (n > 0 && before + n >= rank) {
                double lo = ConfidenceGrid.lower(i);
                double hi = ConfidenceGrid.upper(i);
                double within = n == 0 ? 0 : Math.max(0, rank - before) / n;
                return lo + (hi - lo) * within;
            }
            before += n;
        }
        return 1.0;
    }

    @Override
    public MetricValue result(ConfidenceState s) {
        double n = s.count;
        MetricValue.Builder v = MetricValue.builder().count(s.count).rejected(s.rejected)
                .put("mean_confidence", s.sums.value(ConfidenceState.CONFIDENCE) / n);
        for (int i = 0; i < quantiles.length; i++) {
            v.put(quantileNames.get(i), quantile(s.grid, s.count, quantiles[i]));
        }
        v.put("mean_entropy", s.sums.value(ConfidenceState.ENTROPY) / n);
        List<List<Object>> hist = new ArrayList<>(bins);
        for (int k = 0; k < bins; k++) {
            hist.add(Arrays.asList(boundaries[k], boundaries[k + 1], s.histogram[k],
                    s.count == 0 ? null : s.histogram[k] / n));
        }
        v.table("confidence_histogram", new Table(HISTOGRAM_COLUMNS, hist));
        v.table("predicted_classes", classTable(s));
        return v.build();
    }

    private Table classTable(ConfidenceState s) {
        int classes = s.predicted.length;
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(c -> -s.predicted[c]).thenComparingInt(c -> c));
        List<String> names = input.classNames();
        List<List<Object>> rows = new ArrayList<>();
        int shown = Math.min(maxClasses, classes);
        for (int r = 0; r < shown; r++) {
            int c = order[r];
            rows.add(Arrays.asList(c < names.size() ? names.get(c) : Integer.toString(c), s.predicted[c],
                    s.count == 0 ? null : s.predicted[c] / (double) s.count));
        }
        if (classes > shown) {
            long rest = 0;
            for (int r = shown; r < classes; r++) {
                rest += s.predicted[order[r]];
            }
            rows.add(Arrays.asList(ClasswiseEceMetric.OTHER, rest, s.count == 0 ? null : rest / (double) s.count));
        }
        return new Table(CLASS_COLUMNS, rows);
    }

    /**
     * Returns the drift of the current state against the baseline ({@link ConfidenceDrift}):
     * {@code confidence_psi} (PSI of the confidence histogram, shares floored at
     * {@value #PSI_FLOOR}), {@code confidence_ks} and {@code confidence_ks_p_value} (two-sample
     * Kolmogorov–Smirnov on the fine confidence grid), {@code predicted_class_chi2},
     * {@code predicted_class_chi2_df} and {@code predicted_class_chi2_p_value} (χ² of the
     * predicted-class counts). Undefined when either state is empty.
     */
    @Override
    public MetricValue drift(ConfidenceState current, ConfidenceState baseline) {
        ConfidenceDrift.Result r = ConfidenceDrift.compare(baseline, current, PSI_FLOOR);
        boolean defined = current.count > 0 && baseline.count > 0;
        return MetricValue.builder().count(current.count).rejected(current.rejected)
                .put("confidence_psi", r.psi())
                .put("confidence_ks", r.ks())
                .put("confidence_ks_p_value", r.ksPValue())
                .put("predicted_class_chi2", r.chiSquare())
                .put("predicted_class_chi2_df", defined ? r.chiSquareDegrees() : Double.NaN)
                .put("predicted_class_chi2_p_value", r.chiSquarePValue())
                .build();
    }

    @Override
    public StateCodec<ConfidenceState> codec() {
        return codec;
    }

    /** Version 1: counts, histogram, sparse grid, sums, predicted-class counts. */
    private final class Codec implements StateCodec<ConfidenceState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(ConfidenceState s, DataOutput out) throws IOException {
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeInt(bins);
            for (long h : s.histogram) {
                out.writeLong(h);
            }
            int nonEmpty = 0;
            for (long g : s.grid) {
                if (g != 0) {
                    nonEmpty++;
                }
            }
            out.writeInt(nonEmpty);
            for (int i = 0; i < s.grid.length; i++) {
                if (s.grid[i] != 0) {
                    out.writeShort(i);
                    out.writeLong(s.grid[i]);
                }
            }
            s.sums.write(out);
            out.writeInt(s.predicted.length);
            for (long p : s.predicted) {
                out.writeLong(p);
            }
        }

        @Override
        public ConfidenceState decode(DataInput in, int version) throws IOException {
            ConfidenceState s = newState();
            s.count = in.readLong();
            s.rejected = in.readLong();
            int n = in.readInt();
            if (n != bins) {
                throw new IOException("state has " + n + " histogram bins but the metric uses " + bins);
            }
            for (int k = 0; k < bins; k++) {
                s.histogram[k] = in.readLong();
            }
            int nonEmpty = in.readInt();
            for (int j = 0; j < nonEmpty; j++) {
                int i = in.readShort();
                if (i < 0 || i >= ConfidenceGrid.CELLS) {
                    throw new IOException("grid cell " + i + " out of range");
                }
                s.grid[i] = in.readLong();
            }
            s.sums = CompensatedSums.read(in, 2);
            int classes = in.readInt();
            if (classes < 0 || classes > classLimit) {
                throw new IOException("state has " + classes + " classes, more than class_limit " + classLimit);
            }
            s.ensureClasses(classes);
            for (int c = 0; c < classes; c++) {
                s.predicted[c] = in.readLong();
            }
            return s;
        }
    }
}
