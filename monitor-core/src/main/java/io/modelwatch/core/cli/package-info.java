/** The {@code modelwatch} command line (picocli): run, validate, plugins, metrics, generate, demo, history. */
package io.modelwatch.core.cli;
