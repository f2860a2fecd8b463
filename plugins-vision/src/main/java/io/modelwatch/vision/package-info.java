/**
 * The vision plugin of ModelWatch: calibration and confidence metrics for classifiers.
 *
 * <p>{@code vision.calibration} (ECE, RMSCE, MCE, ACE, Brier, NLL, reliability table),
 * {@code vision.classwise_ece} (one-vs-rest ECE per class) and {@code vision.confidence}
 * (label-free confidence, entropy and predicted-class distributions, with
 * {@link io.modelwatch.vision.ConfidenceDrift} for PSI, KS and χ² against a baseline). The
 * definitions follow {@code shared/reference/calibration/README.md}. Depends on
 * {@code monitor-api} only.
 */
package io.modelwatch.vision;
