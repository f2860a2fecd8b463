/** The vision plugin of ModelWatch. Depends on {@code monitor-api} only. */
package io.modelwatch.vision;
