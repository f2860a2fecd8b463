package io.modelwatch.bench.vision;

import io.modelwatch.api.FieldRef;
import io.modelwatch.api.Metric;
import io.modelwatch.api.Observation;
import io.modelwatch.bench.BenchObservation;
import io.modelwatch.testkit.TestMetricSpec;
import io.modelwatch.vision.CalibrationFactory;
import io.modelwatch.vision.ConfidenceFactory;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@code vision.calibration}'s {@code add()} for 10-class probability vectors, in
 * samples per second on one thread: the workload of the numpy comparison in
 * {@code shared/reference/calibration/README.md} (softmax of N(0, 1.5²) logits, uniform labels,
 * 15 bins; numpy: 1M samples in 0.12 s for the top-label ECE alone, i.e. 8.3M samples/s).
 *
 * <p>Each {@code add} here does more than that numpy line: argmax, the bin update, and the sums
 * for Brier, NLL, accuracy and mean confidence, all with compensated summation. Records are
 * decoded ahead of time (a reused {@link Observation} over prepared arrays, labels pre-boxed as
 * the host's {@code scalar} returns them), so this measures the metric, not JSON parsing. One
 * invocation adds the next {@value #SAMPLES} of {@link #rows} prepared rows, wrapping around;
 * the default of 1,048,576 rows (about 100 MB) is read from memory, not from the CPU caches, as
 * numpy's 1M samples are ({@code -p rows=8192} gives the cache-resident figure).
 * {@code confidenceAdd} measures the label-free {@code vision.confidence} on the same vectors.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CalibrationAddBenchmark {
    static final int SAMPLES = 8192;
    static final int CLASSES = 10;

    /** uniform: the default (torchmetrics edges, top label); equal_mass: the grid after 10,000 samples. */
    @Param({"uniform", "equal_mass"})
    public String binning;

    /** Prepared rows, a multiple of {@value #SAMPLES}. */
    @Param({"1048576"})
    public int rows;

    private PreparedRecords records;
    private Metric<Object> calibration;
    private Object calibrationState;
    private Metric<Object> confidence;
    private Object confidenceState;

    @Setup
    public void setUp() {
        Random random = new Random(123);
        if (rows < SAMPLES || rows % SAMPLES != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of " + SAMPLES + ", got " + rows);
        }
        double[][] probs = new double[rows][CLASSES];
        Double[] labels = new Double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                probs[i][c] = Math.exp(1.5 * random.nextGaussian());
                sum += probs[i][c];
            }
            for (int c = 0; c < CLASSES; c++) {
                probs[i][c] /= sum;
            }
            labels[i] = (double) random.nextInt(CLASSES);
        }
        records = new PreparedRecords(probs, labels);
        calibration = TestMetricSpec.of(new CalibrationFactory()).param("binning", binning).create();
        calibrationState = calibration.newState();
        confidence = TestMetricSpec.of(new ConfidenceFactory()).create();
        confidenceState = confidence.newState();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public Object calibrationAdd() {
        PreparedRecords r = records;
        Metric<Object> m = calibration;
        Object s = calibrationState;
        int start = r.next(SAMPLES);
        for (int i = start; i < start + SAMPLES; i++) {
            r.index = i;
            m.add(s, r);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public Object confidenceAdd() {
        PreparedRecords r = records;
        Metric<Object> m = confidence;
        Object s = confidenceState;
        int start = r.next(SAMPLES);
        for (int i = start; i < start + SAMPLES; i++) {
            r.index = i;
            m.add(s, r);
        }
        return s;
    }

    /** A reused observation over prepared rows: {@code probs} is row {@link #index}, {@code label} its class. */
    static final class PreparedRecords extends BenchObservation {
        private final double[][] probs;
        private final Double[] labels;
        private int cursor;
        int index;

        PreparedRecords(double[][] probs, Double[] labels) {
            super("resnet-50");
            this.probs = probs;
            this.labels = labels;
        }

        /** Returns the first row of the next {@code n} rows, wrapping to row 0 after the last. */
        int next(int n) {
            int start = cursor;
            cursor = start + n >= probs.length ? 0 : start + n;
            return start;
        }

        @Override
        public long timeMillis() {
            return index;
        }

        @Override
        public boolean has(FieldRef field) {
            return "probs".equals(field.name()) || "label".equals(field.name());
        }

        @Override
        public double[] numbers(FieldRef field) {
            return "probs".equals(field.name()) ? probs[index] : null;
        }

        @Override
        public Object scalar(FieldRef field) {
            return "label".equals(field.name()) ? labels[index] : null;
        }
    }
}
