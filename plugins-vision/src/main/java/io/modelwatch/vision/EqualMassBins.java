package io.modelwatch.vision;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The mergeable data behind equal-mass ("adaptive") binning: the exact (confidence, correct)
 * pairs while there are at most {@code exactLimit} of them, and beyond that a
 * {@link ConfidenceGrid} of per-cell sums.
 *
 * <p>Binning follows netcal's {@code equal_intervals=False}: confidences are clipped to
 * {@code [eps, 1 − eps]} (eps = 2^-52), the edges are {@code numpy.quantile} of the clipped
 * confidences at {@code k · (1/n)} with linear interpolation (virtual index {@code q (N − 1)}),
 * {@code edges[0] = 0}, {@code edges[n] = 1}, and bins are left-closed with the last one closed.
 * <ul>
 *   <li><b>Exact</b> while the pairs are kept: the result depends only on the multiset of
 *       pairs (they are sorted before summing), so any split and merge order gives the same
 *       bits.</li>
 *   <li><b>Grid</b> beyond: the quantile edge that falls in grid cell j (after the sample of rank
 *       p) is moved to the lower boundary of j, so the whole cell goes to the upper bin; only the
 *       m ≤ (samples of rank ≤ p in cell j) can belong to a lower bin. (When p is the last
 *       sample of j and the edge lies strictly beyond it, the cell goes below, exactly.) Moving m
 *       samples between bins changes Σ_b |Σ_{i∈b}(correct_i − conf_i)| by at most 2m, so
 *       |ece − exact ece| ≤ 2 · Σ m / N (for several edges in one cell, the largest m counts
 *       once). That bound is computed from the state and reported as {@code ece_error_bound};
 *       it is 0 in exact mode. rmsce, mce and ace have no such simple bound and are
 *       approximate in grid mode; the reported bin edges are grid-cell boundaries.</li>
 * </ul>
 * Mutable, not thread-safe.
 */
final class EqualMassBins {
    /** The clipping bound of netcal: binary64 machine epsilon. */
    static final double EPS = 0x1.0p-52;

    private final int exactLimit;
    // exact mode: the pairs in insertion order
    private double[] confidence;
    private boolean[] correct;
    private int size;
    // grid mode (null while exact)
    private long[] cellCount;
    private CompensatedSums cellConfidence;
    private long[] cellCorrect;

    EqualMassBins(int exactLimit) {
        this.exactLimit = exactLimit;
        confidence = new double[0];
        correct = new boolean[0];
    }

    boolean exact() {
        return cellCount == null;
    }

    void add(double c, boolean isCorrect) {
        double clipped = Math.min(Math.max(c, EPS), 1.0 - EPS);
        if (cellCount == null) {
            if (size < exactLimit) {
                if (size == confidence.length) {
                    int grown = Math.min(exactLimit, Math.max(64, 2 * size));
                    confidence = Arrays.copyOf(confidence, grown);
                    correct = Arrays.copyOf(correct, grown);
                }
                confidence[size] = clipped;
                correct[size] = isCorrect;
                size++;
                return;
            }
            toGrid();
        }
        addToGrid(clipped, isCorrect);
    }

    private void addToGrid(double clipped, boolean isCorrect) {
        int cell = ConfidenceGrid.cell(clipped);
        cellCount[cell]++;
        cellConfidence.add(cell, clipped);
        if (isCorrect) {
            cellCorrect[cell]++;
        }
    }

    private void toGrid() {
        if (cellCount != null) {
            return;
        }
        cellCount = new long[ConfidenceGrid.CELLS];
        cellConfidence = new CompensatedSums(ConfidenceGrid.CELLS);
        cellCorrect = new long[ConfidenceGrid.CELLS];
        for (int i = 0; i < size; i++) {
            addToGrid(confidence[i], correct[i]);
        }
        confidence = new double[0];
        correct = new boolean[0];
        size = 0;
    }

    /** Merges {@code source} into this; {@code source} is not changed. */
    void merge(EqualMassBins source) {
        if (cellCount == null && source.cellCount == null && (long) size + source.size <= exactLimit) {
            if (size + source.size > confidence.length) {
                confidence = Arrays.copyOf(confidence, size + source.size);
                correct = Arrays.copyOf(correct, size + source.size);
            }
            System.arraycopy(source.confidence, 0, confidence, size, source.size);
            System.arraycopy(source.correct, 0, correct, size, source.size);
            size += source.size;
            return;
        }
        toGrid();
        if (source.cellCount == null) {
            for (int i = 0; i < source.size; i++) {
                addToGrid(source.confidence[i], source.correct[i]);
            }
        } else {
            for (int i = 0; i < ConfidenceGrid.CELLS; i++) {
                cellCount[i] += source.cellCount[i];
                cellCorrect[i] += source.cellCorrect[i];
            }
            cellConfidence.addAll(source.cellConfidence);
        }
    }

    /** The bins of one evaluation, with the bound on the ECE error (0 when exact). */
    record Result(BinnedCalibration bins, double eceErrorBound) {
    }

    /** Computes {@code n} equal-mass bins. */
    Result bin(int n) {
        return cellCount == null ? binExact(n) : binGrid(n);
    }

    private static double quantileLevel(int k, int n) {
        // numpy.linspace(0, 1, n + 1): k * (1 / n), the last one exactly 1
        return k == n ? 1.0 : k * (1.0 / n);
    }

    private Result binExact(int n) {
        double[] lower = new double[n];
        double[] upper = new double[n];
        long[] count = new long[n];
        double[] sumConf = new double[n];
        long[] positives = new long[n];
        int total = size;
        if (total == 0) {
            Arrays.fill(lower, Double.NaN);
            Arrays.fill(upper, Double.NaN);
            return new Result(new BinnedCalibration(lower, upper, count, sumConf, positives), 0.0);
        }
        // sort by (confidence, correct): wrong ones first among equal confidences
        int wrong = 0;
        for (int i = 0; i < total; i++) {
            if (!correct[i]) {
                wrong++;
            }
        }
        double[] w = new double[wrong];
        double[] r = new double[total - wrong];
        int iw = 0;
        int ir = 0;
        for (int i = 0; i < total; i++) {
            if (correct[i]) {
                r[ir++] = confidence[i];
            } else {
                w[iw++] = confidence[i];
            }
        }
        Arrays.sort(w);
        Arrays.sort(r);
        double[] sorted = new double[total];
        boolean[] sortedCorrect = new boolean[total];
        iw = 0;
        ir = 0;
        for (int i = 0; i < total; i++) {
            if (ir >= r.length || (iw < w.length && w[iw] <= r[ir])) {
                sorted[i] = w[iw++];
            } else {
                sorted[i] = r[ir++];
                sortedCorrect[i] = true;
            }
        }
        double[] edges = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            edges[k] = quantile(sorted, quantileLevel(k, n));
        }
        edges[0] = 0.0;
        edges[n] = 1.0;
        CompensatedSums sums = new CompensatedSums(n);
        int bin = 0;
        for (int i = 0; i < total; i++) {
            double c = sorted[i];
            while (bin < n - 1 && c >= edges[bin + 1]) {
                bin++;
            }
            count[bin]++;
            sums.add(bin, c);
            if (sortedCorrect[i]) {
                positives[bin]++;
            }
        }
        for (int b = 0; b < n; b++) {
            lower[b] = edges[b];
            upper[b] = edges[b + 1];
            sumConf[b] = sums.value(b);
        }
        return new Result(new BinnedCalibration(lower, upper, count, sumConf, positives), 0.0);
    }

    /** numpy.quantile(sorted, q), method "linear", written from its definition. */
    private static double quantile(double[] sorted, double q) {
        int n = sorted.length;
        double index = q * (n - 1);
        if (index >= n - 1) {
            return sorted[n - 1];
        }
        if (index <= 0) {
            return sorted[0];
        }
        int below = (int) Math.floor(index);
        double gamma = index - below;
        double a = sorted[below];
        double b = sorted[below + 1];
        double diff = b - a;
        // numpy's _lerp: from the nearer end, so that gamma = 1 gives b exactly
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    private Result binGrid(int n) {
        long total = 0;
        for (long c : cellCount) {
            total += c;
        }
        double[] lower = new double[n];
        double[] upper = new double[n];
        long[] count = new long[n];
        double[] sumConf = new double[n];
        long[] positives = new long[n];
        if (total == 0) {
            Arrays.fill(lower, Double.NaN);
            Arrays.fill(upper, Double.NaN);
            return new Result(new BinnedCalibration(lower, upper, count, sumConf, positives), 0.0);
        }
        int[] edgeCell = new int[n + 1];
        edgeCell[n] = ConfidenceGrid.CELLS;
        long misplaced = 0;
        int pendingCell = -1;
        long pendingMisplaced = 0;
        int cell = 0;
        long before = 0; // samples in cells < cell
        for (int k = 1; k < n; k++) {
            double index = quantileLevel(k, n) * (total - 1);
            long rank = (long) Math.floor(index);
            while (before + cellCount[cell] <= rank) {
                before += cellCount[cell];
                cell++;
            }
            long below = rank + 1 - before;
            if (below == cellCount[cell] && index > rank) {
                // the edge lies strictly between this cell's largest sample and a larger one in a
                // later cell: the whole cell is below it, exactly
                edgeCell[k] = cell + 1;
                continue;
            }
            // otherwise the cell goes above the edge; at most the `below` samples of the cell
            // that precede the edge (fewer when some tie with it) belong in a lower bin
            edgeCell[k] = cell;
            if (cell != pendingCell) {
                misplaced += pendingMisplaced;
                pendingCell = cell;
            }
            pendingMisplaced = below;
        }
        misplaced += pendingMisplaced;
        CompensatedSums sums = new CompensatedSums(n);
        for (int b = 0; b < n; b++) {
            for (int i = edgeCell[b]; i < edgeCell[b + 1]; i++) {
                count[b] += cellCount[i];
                positives[b] += cellCorrect[i];
                sums.add(b, cellConfidence.value(i));
            }
            sumConf[b] = sums.value(b);
            lower[b] = b == 0 ? 0.0 : ConfidenceGrid.lower(edgeCell[b]);
            upper[b] = b == n - 1 ? 1.0 : ConfidenceGrid.lower(edgeCell[b + 1]);
        }
        return new Result(new BinnedCalibration(lower, upper, count, sumConf, positives),
                2.0 * misplaced / total);
    }

    void write(DataOutput out) throws IOException {
        if (cellCount == null) {
            out.writeByte(0);
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeDouble(confidence[i]);
                out.writeBoolean(correct[i]);
            }
            return;
        }
        out.writeByte(1);
        int nonEmpty = 0;
        for (long c : cellCount) {
            if (c != 0) {
                nonEmpty++;
            }
        }
        out.writeInt(nonEmpty);
        for (int i = 0; i < ConfidenceGrid.CELLS; i++) {
            if (cellCount[i] != 0) {
                out.writeShort(i);
                out.writeLong(cellCount[i]);
                out.writeLong(cellCorrect[i]);
            }
        }
        cellConfidence.write(out);
    }

    static EqualMassBins read(DataInput in, int exactLimit) throws IOException {
        EqualMassBins bins = new EqualMassBins(exactLimit);
        int kind = in.readByte();
        if (kind == 0) {
            int size = in.readInt();
            if (size < 0 || size > exactLimit) {
                throw new IOException("equal-mass buffer of " + size + " samples exceeds the limit " + exactLimit);
            }
            bins.confidence = new double[size];
            bins.correct = new boolean[size];
            for (int i = 0; i < size; i++) {
                bins.confidence[i] = in.readDouble();
                bins.correct[i] = in.readBoolean();
            }
            bins.size = size;
            return bins;
        }
        if (kind != 1) {
            throw new IOException("unknown equal-mass form " + kind);
        }
        bins.cellCount = new long[ConfidenceGrid.CELLS];
        bins.cellCorrect = new long[ConfidenceGrid.CELLS];
        int nonEmpty = in.readInt();
        for (int j = 0; j < nonEmpty; j++) {
            int i = in.readShort();
            if (i < 0 || i >= ConfidenceGrid.CELLS) {
                throw new IOException("grid cell " + i + " out of range");
            }
            bins.cellCount[i] = in.readLong();
            bins.cellCorrect[i] = in.readLong();
        }
        bins.cellConfidence = CompensatedSums.read(in, ConfidenceGrid.CELLS);
        return bins;
    }
}
