/** The recsys plugin of ModelWatch. Depends on {@code monitor-api} only. */
package io.modelwatch.recsys;
