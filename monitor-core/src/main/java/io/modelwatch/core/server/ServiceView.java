package io.modelwatch.core.server;

import io.modelwatch.core.kernel.MonitorCounters;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the HTTP API shows about a run: its monitors, stored results and alerts, and whether it is
 * ready. The run implements it over its store and alert manager. Implementations are thread-safe:
 * requests call them from the HTTP threads while the monitors run.
 */
public interface ServiceView {
    /** The monitors of the run, in configuration order. */
    List<MonitorInfo> monitors();

    /**
     * Returns stored results of one monitor, each the JSON object of
     * {@link io.modelwatch.core.sink.JsonlSink#toJson}.
     *
     * @param monitor a monitor of {@link #monitors()}
     * @param metric the metric's name in the monitor, or null for all its metrics
     * @param since only windows that start at or after this instant, or null for any
     * @param limit at most this many (at least 1): the newest ones, returned oldest first
     */
    List<String> results(String monitor, String metric, Instant since, int limit);

    /** Returns the alert transitions of the run as JSON objects, oldest first. */
    List<String> alerts();

    /** Whether the monitors are running and the store is open. */
    boolean ready();

    /** Returns the HTML report of the service's results ({@link io.modelwatch.core.sink.HtmlReport}). */
    String report();

    /** The live counters of the monitors, in {@link #monitors()} order. */
    default Collection<MonitorCounters> counters() {
        return monitors().stream().map(MonitorInfo::counters).toList();
    }
}
