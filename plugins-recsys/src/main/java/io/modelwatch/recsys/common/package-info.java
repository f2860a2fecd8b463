/**
 * Building blocks shared by the recsys metrics: the cut of a ranked list at k under a duplicates
 * convention, the order of item ids, and compensated sums that merge exactly.
 */
package io.modelwatch.recsys.common;
