/**
 * The YAML configuration: records bound strictly through Jackson, environment substitution,
 * durations and timestamps, and validation that reports every error together with its file,
 * line and path.
 */
package io.modelwatch.core.config;
