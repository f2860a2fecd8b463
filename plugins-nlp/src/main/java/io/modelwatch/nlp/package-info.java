/** The nlp plugin of ModelWatch. Depends on {@code monitor-api} only. */
package io.modelwatch.nlp;
