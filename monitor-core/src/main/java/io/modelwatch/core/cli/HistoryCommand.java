package io.modelwatch.core.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MetricConfig;
import io.modelwatch.core.config.ModelWatchConfig;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.config.StoreConfig;
import io.modelwatch.core.config.Suggestions;
import io.modelwatch.core.store.ResultStore;
import io.modelwatch.core.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelwatch history -c FILE --monitor M}: a monitor's stored results, from the results store. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a monitor's results kept in the results store (store.url; by default"
                + " <data-dir>/modelwatch.db): the latest --limit results that match --metric and --since, oldest"
                + " first.")
final class HistoryCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "the YAML configuration file")
    Path config;

    @Option(names = "--monitor", required = true, paramLabel = "NAME", description = "the monitor")
    String monitor;

    @Option(names = "--metric", paramLabel = "NAME", description = "only this metric (its name in the monitor)")
    String metric;

    @Option(names = "--since", paramLabel = "TIME", converter = GenerateCommand.InstantConverter.class,
            description = "only windows starting at or after this: ISO-8601 (2026-11-01T00:00:00Z) or epoch"
                    + " milliseconds or seconds")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "at most this many results, the latest (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table (for reading), jsonl (the stored JSON lines), csv (a row per result and output) or"
                    + " html (the HTML report of those results); default: ${DEFAULT-VALUE}")
    HistoryOutput.Format format;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final ConfigLoader loader;

    @Inject
    HistoryCommand(ConfigLoader loader) {
        this.loader = requireNonNull(loader, "loader is null");
    }

    /** Reads {@code --format}, naming the choices when the value is not one. */
    static final class FormatConverter implements CommandLine.ITypeConverter<HistoryOutput.Format> {
        @Override
        public HistoryOutput.Format convert(String value) {
            return HistoryOutput.Format.of(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a format; choose table, jsonl, csv or html"));
        }
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelWatchConfig cfg;
        try {
            ConfigLoader.Loaded loaded = loader.load(config);
            loaded.errors().throwIfAny();
            cfg = loaded.config();
        } catch (ConfigException e) {
            return ConfigErrorsPrinter.print(e, err);
        }
        StoreConfig store = cfg.store().resolvedAgainst(config.toAbsolutePath().getParent());
        if (!store.enabled()) {
            return usageError(err, "the results store is off in " + config + " (store.enabled: false), so no history"
                    + " is kept; remove that line or set it to true, and run the monitors");
        }
        Path dataDir = config.toAbsolutePath().getParent().resolve(cfg.dataDir()).normalize();
        Optional<Path> file = ResultStore.databaseFile(store, dataDir);
        if (file.isPresent() && !Files.exists(file.get())) {
            return usageError(err, "no results database at " + file.get() + ": nothing has been stored for " + config
                    + " yet; run its monitors first (modelwatch run -c " + config + ")"
                    + (store.url() == null ? "" : ", or check store.url"));
        }
        // Reading must not delete: retention is the running monitors' business.
        StoreConfig reading = new StoreConfig(store.enabled(), store.url(), store.user(), store.password(), null);
        try (ResultStore results = ResultStore.open(reading, dataDir)) {
            TreeSet<String> monitors = new TreeSet<>(results.monitors());
            cfg.monitors().stream().filter(Objects::nonNull).map(MonitorConfig::name).filter(Objects::nonNull)
                    .forEach(monitors::add);
            if (!monitors.contains(monitor)) {
                return usageError(err, "unknown monitor '" + monitor + "'." + Suggestions.didYouMean(monitor, monitors)
                        + " Known monitors: " + (monitors.isEmpty() ? "none" : String.join(", ", monitors)));
            }
            if (metric != null) {
                TreeSet<String> metrics = new TreeSet<>(results.metrics(monitor));
                metrics.addAll(configuredMetrics(cfg));
                if (!metrics.contains(metric)) {
                    return usageError(err, "unknown metric '" + metric + "' of monitor '" + monitor + "'."
                            + Suggestions.didYouMean(metric, metrics) + " Known metrics: "
                            + (metrics.isEmpty() ? "none" : String.join(", ", metrics)));
                }
            }
            List<String> bodies = results.results(monitor, metric, since, limit);
            new HistoryOutput(out).print(format, bodies, describe(), bodies.size() == limit);
        } catch (StoreException e) {
            err.println("modelwatch: " + e.getMessage());
            err.flush();
            return Main.RUN_FAILURE;
        }
        out.flush();
        return 0;
    }

    private List<String> configuredMetrics(ModelWatchConfig cfg) {
        return cfg.monitors().stream().filter(m -> m != null && monitor.equals(m.name()))
                .flatMap(m -> m.metrics().stream()).filter(Objects::nonNull).map(MetricConfig::displayName)
                .filter(Objects::nonNull).toList();
    }

    /** What was asked for, for the table's heading: {@code monitor 'm', metric 'x', since T}. */
    private String describe() {
        return "monitor '" + monitor + "'" + (metric == null ? "" : ", metric '" + metric + "'")
                + (since == null ? "" : ", since " + since);
    }

    private static int usageError(PrintWriter err, String message) {
        err.println("modelwatch: " + message);
        err.flush();
        return Main.CONFIG_ERROR;
    }
}
