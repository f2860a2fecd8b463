/** Where results go: the console table and JSON Lines files. */
package io.modelwatch.core.sink;
