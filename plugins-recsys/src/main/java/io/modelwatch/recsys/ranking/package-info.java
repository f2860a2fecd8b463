/**
 * {@code recsys.ranking}: top-k accuracy of ranked recommendations (hit rate, precision, recall,
 * MRR, NDCG, MAP) as mergeable per-k sums, with the conventions of RecBole, ranx and Evidently
 * selectable by parameter.
 */
package io.modelwatch.recsys.ranking;
