/**
 * {@code recsys.catalog}: label-free, beyond-accuracy measures of what a recommender shows —
 * catalog coverage, Gini concentration, average popularity, long-tail share and distinct items —
 * with exact counting up to a configurable bound, and popularity counted from the baseline when
 * no popularity file is given.
 */
package io.modelwatch.recsys.catalog;
