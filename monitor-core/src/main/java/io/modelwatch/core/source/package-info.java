/** Sources of prediction records: JSON Lines files, globs, standard input, gzip, followed files. */
package io.modelwatch.core.source;
