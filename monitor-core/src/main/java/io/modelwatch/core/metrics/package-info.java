/**
 * The built-in metrics (plugin {@code core}): record count, latency quantiles, error rate and
 * throughput. They ship inside core and are installed like any plugin.
 */
package io.modelwatch.core.metrics;
