/**
 * The ModelWatch plugin contract (SPI).
 *
 * <p>A plugin is a jar holding one {@link io.modelwatch.api.MonitorPlugin} provider, registered
 * in {@code META-INF/services/io.modelwatch.api.MonitorPlugin}. Each plugin contributes
 * {@link io.modelwatch.api.MetricFactory metric factories}; each factory creates
 * {@link io.modelwatch.api.Metric metrics}, stateless functions over a separate mutable state
 * (the accumulator), so that the same code runs in a live stream, a scheduled batch, a one-off
 * report and a distributed job.
 *
 * <p>This package depends on the JDK only. It evolves by adding types and default methods, never
 * by adding an abstract method to an interface that plugins implement.
 */
package io.modelwatch.api;
