package io.modelwatch.core.config;

import java.time.Duration;

/**
 * Checkpoints: pane and baseline states plus source offsets, written to the store so that a
 * restart resumes where the last checkpoint left off and counts every record once.
 *
 * @param enabled on by default (needs the store)
 * @param interval how often a checkpoint is written while reading (default 30s); one is also
 *     written at shutdown
 */
public record CheckpointConfig(Boolean enabled, Duration interval) {
    public CheckpointConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(30) : interval;
    }
}
