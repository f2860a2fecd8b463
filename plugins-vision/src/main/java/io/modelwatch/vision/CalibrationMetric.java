package io.modelwatch.vision;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.api.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * {@code vision.calibration}: calibration of a classifier's probabilities against true labels
 * (ECE, RMSCE, MCE, ACE, Brier, NLL, accuracy, mean confidence, reliability table).
 *
 * <p>Definitions follow the reference README ({@code shared/reference/calibration/README.md}):
 * torchmetrics for the norms and the top-label reading (argmax ties to the lowest class), netcal
 * for ACE and equal-mass binning, scikit-learn for {@code brier_binary} and the clipped NLL.
 * Immutable and thread-safe; all mutable data lives in {@link CalibrationState}. {@code add}
 * does not allocate (except the first time a longer logit vector arrives, and in equal-mass mode
 * while its exact buffer grows).
 */
final class CalibrationMetric implements Metric<CalibrationState> {
    private final PredictionInput input;
    private final int bins;
    private final BinConvention convention;
    private final double[] boundaries;
    private final boolean positiveClass;
    private final boolean equalMass;
    private final int exactLimit;
    private final boolean clipNll;
    private final Codec codec = new Codec();

    CalibrationMetric(PredictionInput input, int bins, BinConvention convention, boolean linspaceEdges,
                      boolean positiveClass, boolean equalMass, int exactLimit, boolean clipNll) {
        this.input = requireNonNull(input, "input is null");
        this.convention = requireNonNull(convention, "convention is null");
        if (bins < 1) {
            throw new IllegalArgumentException("n_bins must be at least 1, got " + bins);
        }
        if (exactLimit < 0) {
            throw new IllegalArgumentException("exact_limit must not be negative, got " + exactLimit);
        }
        this.bins = bins;
        this.boundaries = BinConvention.boundaries(bins, linspaceEdges);
        this.positiveClass = positiveClass;
        this.equalMass = equalMass;
        this.exactLimit = exactLimit;
        this.clipNll = clipNll;
    }

    private int slots() {
        return convention.slots(bins);
    }

    @Override
    public CalibrationState newState() {
        return new CalibrationState(slots(), equalMass ? new EqualMassBins(exactLimit) : null);
    }

    @Override
    public void add(CalibrationState s, Observation o) {
        PredictionBuffer b = s.buffer;
        if (!input.read(o, b, false)) {
            s.rejected++;
            return;
        }
        int classes = b.classes;
        if (positiveClass && classes != 2) {
            s.rejected++;
            return;
        }
        double[] p = b.probs;
        int y = b.label;
        // One pass, two interleaved accumulators of each kind (shorter dependency chains):
        // the largest and smallest probability and the sum of squares.
        double max0 = Double.NEGATIVE_INFINITY;
        double max1 = Double.NEGATIVE_INFINITY;
        double min0 = Double.POSITIVE_INFINITY;
        double min1 = Double.POSITIVE_INFINITY;
        double sq0 = 0;
        double sq1 = 0;
        int c = 0;
        for (; c + 1 < classes; c += 2) {
            double x0 = p[c];
            double x1 = p[c + 1];
            max0 = Math.max(max0, x0);
            max1 = Math.max(max1, x1);
            min0 = Math.min(min0, x0);
            min1 = Math.min(min1, x1);
            sq0 += x0 * x0;
            sq1 += x1 * x1;
        }
        if (c < classes) {
            double x0 = p[c];
            max0 = Math.max(max0, x0);
            min0 = Math.min(min0, x0);
            sq0 += x0 * x0;
        }
        double best = Math.max(max0, max1);
        // the range check of the input, done in the same pass: NaN fails both tests
        if (!(Math.min(min0, min1) >= 0.0 && best <= 1.0)) {
            s.rejected++;
            return;
        }
        double py = p[y];
        // top label = the first maximum, as numpy.argmax and torch.max: right when p_y is the
        // maximum and no earlier class ties with it
        boolean correct = py == best;
        if (correct) {
            for (int k = 0; k < y; k++) {
                if (p[k] == best) {
                    correct = false;
                    break;
                }
            }
        }
        if (correct) {
            s.topCorrect++;
        }
        CompensatedSums sums = s.sums;
        sums.addPending(CalibrationState.TOP_CONFIDENCE, best);
        // Σ_c (p_c − 1[c = y])² = Σ_c p_c² − 2 p_y + 1 (absolute rounding error a few 1e-16)
        sums.addPending(CalibrationState.BRIER, (sq0 + sq1) - 2.0 * py + 1.0);
        if (classes == 2) {
            s.binaryCount++;
            double d = p[1] - (y == 1 ? 1.0 : 0.0);
            sums.addPending(CalibrationState.BRIER_BINARY, d * d);
        }
        if (py >= EqualMassBins.EPS && py <= 1.0 - EqualMassBins.EPS) {
            s.multiplyTrueClassProbability(py);
        } else {
            addRareNll(s, py);
        }
        if ((++s.count & (CompensatedSums.BLOCK - 1)) == 0) {
            s.flushPending();
        }
        double confidence = positiveClass ? p[1] : best;
        boolean hit = positiveClass ? y == 1 : correct;
        if (equalMass) {
            s.equalMass.add(confidence, hit);
        } else {
            int slot = convention.slot(confidence, boundaries, bins);
            if (hit) {
                s.binCorrect[slot]++;
            }
            s.binConfidence.addPending(slot, confidence);
            if ((++s.binCount[slot] & (CompensatedSums.BLOCK - 1)) == 0) {
                s.binConfidence.flush(slot);
            }
        }
    }

    /**
     * The NLL of a true-class probability outside [eps, 1 − eps], where clipping changes the
     * value (and where it is 0, the unclipped NLL is infinite).
     */
    private static void addRareNll(CalibrationState s, double py) {
        double clipped = -Math.log(Math.min(Math.max(py, EqualMassBins.EPS), 1.0 - EqualMassBins.EPS));
        if (py > 0) {
            double nll = -Math.log(py);
            s.sums.add(CalibrationState.NLL, nll);
            s.sums.add(CalibrationState.NLL_CLIP_CORRECTION, clipped - nll);
        } else {
            s.zeroProbability++;
            s.sums.add(CalibrationState.NLL_CLIP_CORRECTION, clipped);
        }
    }

    @Override
    public void merge(CalibrationState target, CalibrationState source) {
        // after a merge the counts no longer mark block boundaries: start new blocks
        target.flushPending();
        if (!equalMass) {
            target.binConfidence.flushAll();
        }
        target.count += source.count;
        target.rejected += source.rejected;
        target.topCorrect += source.topCorrect;
        target.binaryCount += source.binaryCount;
        target.zeroProbability += source.zeroProbability;
        target.sums.addAll(source.sums);
        target.sums.add(CalibrationState.NLL, source.pendingNll());
        if (equalMass) {
            target.equalMass.merge(source.equalMass);
        } else {
            for (int i = 0; i < target.binCount.length; i++) {
                target.binCount[i] += source.binCount[i];
                target.binCorrect[i] += source.binCorrect[i];
            }
            target.binConfidence.addAll(source.binConfidence);
        }
    }

    @Override
    public MetricValue result(CalibrationState s) {
        BinnedCalibration binned;
        double bound;
        if (equalMass) {
            EqualMassBins.Result r = s.equalMass.bin(bins);
            binned = r.bins();
            bound = r.eceErrorBound();
        } else {
            int slots = slots();
            double[] lower = new double[slots];
            double[] upper = new double[slots];
            double[] sumConf = new double[slots];
            for (int i = 0; i < slots; i++) {
                lower[i] = BinConvention.lower(boundaries, bins, i);
                upper[i] = BinConvention.upper(boundaries, bins, i);
                sumConf[i] = s.binConfidence.value(i);
            }
            binned = new BinnedCalibration(lower, upper, s.binCount.clone(), sumConf, s.binCorrect.clone());
            bound = 0.0;
        }
        double n = s.count;
        double accuracy = s.topCorrect / n;
        double meanConfidence = s.sums.value(CalibrationState.TOP_CONFIDENCE) / n;
        double nllSum = s.sums.value(CalibrationState.NLL) + s.pendingNll();
        double nll;
        if (clipNll) {
            nll = (nllSum + s.sums.value(CalibrationState.NLL_CLIP_CORRECTION)) / n;
        } else {
            nll = s.zeroProbability > 0 ? Double.NaN : nllSum / n;
        }
        boolean empty = s.count == 0;
        return MetricValue.builder()
                .count(s.count)
                .rejected(s.rejected)
                .put("ece", binned.ece)
                .put("rmsce", binned.rmsce)
                .put("mce", binned.mce)
                .put("ace", binned.ace)
                .put("brier", s.sums.value(CalibrationState.BRIER) / n)
                .put("brier_binary", s.binaryCount == s.count
                        ? s.sums.value(CalibrationState.BRIER_BINARY) / n : Double.NaN)
                .put("nll", nll)
                .put("nll_infinite", empty ? Double.NaN : s.zeroProbability > 0 ? 1.0 : 0.0)
                .put("accuracy", accuracy)
                .put("mean_confidence", meanConfidence)
                .put("overconfidence", meanConfidence - accuracy)
                .put("ece_error_bound", empty ? Double.NaN : bound)
                .table("reliability", binned.table())
                .build();
    }

    @Override
    public StateCodec<CalibrationState> codec() {
        return codec;
    }

    /** Version 1: counts, the compensated sums, then the uniform bins or the equal-mass data. */
    private final class Codec implements StateCodec<CalibrationState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void encode(CalibrationState s, DataOutput out) throws IOException {
            out.writeLong(s.count);
            out.writeLong(s.rejected);
            out.writeLong(s.topCorrect);
            out.writeLong(s.binaryCount);
            out.writeLong(s.zeroProbability);
            s.sums.write(out);
            out.writeDouble(s.productMantissa);
            out.writeLong(s.productExponent);
            out.writeBoolean(equalMass);
            if (equalMass) {
                s.equalMass.write(out);
            } else {
                out.writeInt(s.binCount.length);
                for (int i = 0; i < s.binCount.length; i++) {
                    out.writeLong(s.binCount[i]);
                    out.writeLong(s.binCorrect[i]);
                }
                s.binConfidence.write(out);
            }
        }

        @Override
        public CalibrationState decode(DataInput in, int version) throws IOException {
            long count = in.readLong();
            long rejected = in.readLong();
            long topCorrect = in.readLong();
            long binaryCount = in.readLong();
            long zeroProbability = in.readLong();
            CompensatedSums sums = CompensatedSums.read(in, CalibrationState.SUM_COUNT);
            double productMantissa = in.readDouble();
            long productExponent = in.readLong();
            boolean em = in.readBoolean();
            if (em != equalMass) {
                throw new IOException("state was written with binning " + (em ? "equal_mass" : "uniform")
                        + " but the metric uses " + (equalMass ? "equal_mass" : "uniform"));
            }
            CalibrationState s;
            if (em) {
                s = new CalibrationState(sums, null, null, null, EqualMassBins.read(in, exactLimit));
            } else {
                int slots = in.readInt();
                if (slots != slots()) {
                    throw new IOException("state has " + slots + " bins but the metric uses " + slots());
                }
                long[] binCount = new long[slots];
                long[] binCorrect = new long[slots];
                for (int i = 0; i < slots; i++) {
                    binCount[i] = in.readLong();
                    binCorrect[i] = in.readLong();
                }
                s = new CalibrationState(sums, binCount, binCorrect, CompensatedSums.read(in, slots), null);
            }
            s.count = count;
            s.rejected = rejected;
            s.topCorrect = topCorrect;
            s.binaryCount = binaryCount;
            s.zeroProbability = zeroProbability;
            s.productMantissa = productMantissa;
            s.productExponent = productExponent;
            return s;
        }
    }
}
