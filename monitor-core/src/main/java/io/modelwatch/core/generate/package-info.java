/**
 * The seeded demo generator: a realistic week of prediction logs for a translation model, an image
 * classifier and a recommender, with latencies, errors and a degradation injected midway.
 *
 * <p>{@link io.modelwatch.core.generate.DemoGenerator} is the only public type. Everything else here is
 * package-private machinery with one purpose per class: the random source, request times, latency and
 * error profiles, the JSON Lines writer and one record stream per model. Output is a pure function of
 * the generator's arguments: the same seed gives byte-identical files on any JDK 17+ and platform
 * (SplitMix64, {@link java.lang.StrictMath}, and numbers printed from integers, never from
 * {@code Double.toString}).
 */
package io.modelwatch.core.generate;
