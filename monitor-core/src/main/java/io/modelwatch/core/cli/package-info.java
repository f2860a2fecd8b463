/** The {@code modelwatch} command line (picocli): run, validate, plugins, metrics, generate, demo. */
package io.modelwatch.core.cli;
