/**
 * The kernel: decoding and field projection, routing to shards, panes and windows, random-group
 * intervals, baselines and evaluation. Domain-free: it knows metrics only through the SPI.
 */
package io.modelwatch.core.kernel;
