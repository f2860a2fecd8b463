package io.modelwatch.vision;

import io.modelwatch.api.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calibration errors of one binning, computed from per-bin sums, with the definitions of the
 * reference README ({@code shared/reference/calibration/README.md}, after torchmetrics
 * {@code _ce_compute} and netcal {@code Miscalibration.process}):
 * <ul>
 *   <li>{@code ece} = Σ_b (n_b / N) |acc_b − conf_b|;</li>
 *   <li>{@code rmsce} = sqrt(Σ_b (n_b / N) (acc_b − conf_b)²), not debiased;</li>
 *   <li>{@code mce} = max_b |acc_b − conf_b|, empty bins counting as 0;</li>
 *   <li>{@code ace} = netcal's average calibration error: the plain mean of |acc_b − conf_b|
 *       over non-empty bins.</li>
 * </ul>
 * Immutable; all values are NaN when there is no sample.
 */
final class BinnedCalibration {
    /** The columns of the reliability table. */
    static final List<String> COLUMNS = List.of("lower", "upper", "count", "mean_confidence", "accuracy");

    final double ece;
    final double rmsce;
    final double mce;
    final double ace;
    final int nonEmptyBins;
    private final double[] lower;
    private final double[] upper;
    private final long[] count;
    private final double[] meanConfidence;
    private final double[] accuracy;

    /**
     * Computes the errors.
     *
     * @param lower lower edge per bin (NaN when unknown)
     * @param upper upper edge per bin (NaN when unknown)
     * @param count samples per bin
     * @param sumConfidence summed confidence per bin
     * @param correct correct (or positive) samples per bin
     */
    BinnedCalibration(double[] lower, double[] upper, long[] count, double[] sumConfidence, long[] correct) {
        int bins = count.length;
        this.lower = lower;
        this.upper = upper;
        this.count = count;
        meanConfidence = new double[bins];
        accuracy = new double[bins];
        long total = 0;
        for (long c : count) {
            total += c;
        }
        double l1 = 0;
        double l2 = 0;
        double max = 0;
        double gapSum = 0;
        int nonEmpty = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                meanConfidence[b] = Double.NaN;
                accuracy[b] = Double.NaN;
                continue;
            }
            double n = count[b];
            meanConfidence[b] = sumConfidence[b] / n;
            accuracy[b] = correct[b] / n;
            double gap = Math.abs(accuracy[b] - meanConfidence[b]);
            double weight = n / total;
            l1 += weight * gap;
            l2 += weight * gap * gap;
            max = Math.max(max, gap);
            gapSum += gap;
            nonEmpty++;
        }
        nonEmptyBins = nonEmpty;
        if (total == 0) {
            ece = rmsce = mce = ace = Double.NaN;
        } else {
            ece = l1;
            rmsce = Math.sqrt(l2);
            mce = max;
            ace = gapSum / nonEmpty;
        }
    }

    /** Returns the reliability table: one row per bin, mean confidence and accuracy null when empty. */
    Table table() {
        List<List<Object>> rows = new ArrayList<>(count.length);
        for (int b = 0; b < count.length; b++) {
            rows.add(Arrays.asList(cell(lower[b]), cell(upper[b]), count[b],
                    cell(meanConfidence[b]), cell(accuracy[b])));
        }
        return new Table(COLUMNS, rows);
    }

    private static Double cell(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
