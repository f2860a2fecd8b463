package io.modelwatch.core.kernel;

import java.nio.file.Path;

/**
 * What one monitor's run read: records accepted, lines dead-lettered (all reasons) and, of
 * those, records that arrived after their windows were evaluated.
 *
 * @param monitor the monitor
 * @param records lines decoded and routed to the metrics
 * @param deadLettered lines written to the dead-letter file
 * @param late records whose windows had already been evaluated (also dead-lettered)
 * @param deadLetterFile the dead-letter file (it exists only when {@code deadLettered > 0})
 */
public record MonitorStats(String monitor, long records, long deadLettered, long late, Path deadLetterFile) {
}
