/**
 * The conformance kit for ModelWatch metrics.
 *
 * <p>Every metric's tests extend {@link io.modelwatch.testkit.MetricConformanceTest}, which checks
 * the merge laws, the codec round-trip and golden state files. {@link
 * io.modelwatch.testkit.TestMetricSpec} and {@link io.modelwatch.testkit.TestObservation} build
 * a metric and its input without the host.
 */
package io.modelwatch.testkit;
