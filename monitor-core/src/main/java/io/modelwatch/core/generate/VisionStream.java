package io.modelwatch.core.generate;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * The log of {@code resnet-50}, a ten-class image classifier.
 *
 * <p>Each record carries the model's class probabilities {@code probs} (ten numbers with six decimals
 * summing to exactly 1; null when the request failed) and the true {@code label}. The model draws logits:
 * noise on every class plus a boost on the class it leans to; the true label is drawn from the softmax of
 * those logits. Before the degradation the reported probabilities are that same softmax, so the model is
 * calibrated by construction. After it the boost is smaller (lower accuracy) while the reported
 * probabilities are the softmax of sharpened logits (overconfident). Immutable.
 */
final class VisionStream implements RecordStream {
    static final int CLASSES = 10;
    private static final double[] CLASS_PRIOR = cumulative(16, 13, 12, 11, 10, 9, 8, 8, 7, 6);
    private static final double NOISE = 0.8;
    private static final double HEALTHY_BOOST = 3.6;
    private static final double DEGRADED_BOOST = 2.4;
    private static final double DEGRADED_SHARPENING = 2.0;
    private static final long MICROS = 1_000_000L;

    private static final ServiceProfile PROFILE = new ServiceProfile(
            32, 0.25, 0.35, 0.005, 0.02, 1.5, 500);

    @Override
    public String model() {
        return "resnet-50";
    }

    @Override
    public String idPrefix() {
        return "vis";
    }

    @Override
    public ServiceProfile profile() {
        return PROFILE;
    }

    @Override
    public double writePayload(JsonLinesOut out, DemoRandom random, boolean degraded, String failure)
            throws IOException {
        double[] logits = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            logits[k] = NOISE * random.nextGaussian();
        }
        logits[random.nextIndex(CLASS_PRIOR)] += (degraded ? DEGRADED_BOOST : HEALTHY_BOOST) + random.nextGaussian();
        double[] truth = softmax(logits, 1);
        int label = random.nextIndex(cumulative(truth));

        JsonGenerator json = out.json();
        json.writeFieldName("probs");
        if (failure == null) {
            long[] micros = toMicros(degraded ? softmax(logits, DEGRADED_SHARPENING) : truth);
            json.writeStartArray();
            for (long value : micros) {
                out.writeScaled(value, 6);
            }
            json.writeEndArray();
        } else {
            json.writeNull();
        }
        json.writeNumberField("label", label);
        return 1;
    }

    private static double[] softmax(double[] logits, double sharpening) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double[] probabilities = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            probabilities[k] = StrictMath.exp(sharpening * (logits[k] - max));
            sum += probabilities[k];
        }
        for (int k = 0; k < logits.length; k++) {
            probabilities[k] /= sum;
        }
        return probabilities;
    }

    /** Rounds to millionths and gives the rounding remainder to the largest, so the sum is exactly 1. */
    private static long[] toMicros(double[] probabilities) {
        long[] micros = new long[probabilities.length];
        long sum = 0;
        int largest = 0;
        for (int k = 0; k < probabilities.length; k++) {
            micros[k] = Math.round(probabilities[k] * MICROS);
            sum += micros[k];
            if (probabilities[k] > probabilities[largest]) {
                largest = k;
            }
        }
        micros[largest] += MICROS - sum;
        return micros;
    }

    private static double[] cumulative(double... weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k];
            cumulative[k] = sum;
        }
        return cumulative;
    }
}
