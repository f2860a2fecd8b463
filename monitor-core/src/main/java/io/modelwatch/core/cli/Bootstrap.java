package io.modelwatch.core.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.modelwatch.core.config.ConfigError;
import io.modelwatch.core.config.ConfigErrors;
import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.ModelWatchConfig;
import io.modelwatch.core.kernel.MonitorPlan;
import io.modelwatch.core.kernel.PlanBuilder;
import io.modelwatch.core.metrics.CorePlugin;
import io.modelwatch.core.plugin.OnError;
import io.modelwatch.core.plugin.PluginLoadException;
import io.modelwatch.core.plugin.PluginManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up: loads the configuration, installs the built-in and the folder plugins, and builds
 * the monitors, collecting every configuration and plugin problem before failing.
 */
final class Bootstrap {
    private final ConfigLoader loader;
    private final Clock clock;

    @Inject
    Bootstrap(ConfigLoader loader, Clock clock) {
        this.loader = requireNonNull(loader, "loader is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A configuration ready to run. */
    record Prepared(ModelWatchConfig config, Path baseDir, Path dataDir, PluginManager plugins, List<MonitorPlan> plans) {
    }

    Clock clock() {
        return clock;
    }

    /** Returns the installation folder ({@code -Dmodelwatch.home}, set by bin/modelwatch), or null. */
    static Path home() {
        String home = System.getProperty("modelwatch.home");
        return home == null || home.isBlank() ? null : Path.of(home);
    }

    /**
     * Loads plugins from a folder (or the default one) after installing the built-in plugin.
     *
     * @param dir the folder; null for the default (installation's {@code plugins/}, else none)
     * @throws PluginLoadException listing every problem when {@code onError} is {@code fail}
     */
    static PluginManager plugins(Path dir, OnError onError) {
        PluginManager manager = new PluginManager();
        manager.install(new CorePlugin());
        Path folder = dir;
        if (folder == null && home() != null) {
            folder = home().resolve("plugins");
        }
        if (folder != null && Files.isDirectory(folder)) {
            manager.loadFrom(folder, onError);
        } else if (dir != null) {
            throw new PluginLoadException(List.of("plugins folder " + dir.toAbsolutePath().normalize()
                    + " does not exist; create it or change plugins.dir"));
        }
        return manager;
    }

    /**
     * Loads and checks a configuration file.
     *
     * @throws ConfigException with every problem found (configuration and plugins)
     */
    Prepared prepare(Path file) {
        ConfigLoader.Loaded loaded = loader.load(file);
        ModelWatchConfig config = loaded.config();
        ConfigErrors errors = loaded.errors();
        Path baseDir = file.toAbsolutePath().getParent();
        Path pluginsDir = config.plugins().dir() == null ? null : baseDir.resolve(config.plugins().dir());
        PluginManager manager;
        try {
            manager = plugins(pluginsDir, config.plugins().onError());
        } catch (PluginLoadException e) {
            List<ConfigError> all = new ArrayList<>(errors.errors());
            // A folder that is not there is the dir: setting's fault; a plugin that does not load, the folder's.
            String at = pluginsDir != null && !Files.isDirectory(pluginsDir) ? "plugins.dir" : "plugins";
            // The exception's closing advice is not among its problems: say what on-error: skip would do.
            String advice = at.equals("plugins") && config.plugins().onError() == OnError.FAIL
                    ? " Or set plugins.on-error: skip to start without the plugins that fail." : "";
            for (String problem : e.problems()) {
                all.add(new ConfigError(file.toString(), errors.lineOf(at), at, problem + advice));
            }
            throw new ConfigException(all);
        }
        List<MonitorPlan> plans = new PlanBuilder(manager.registry()).build(config, errors, baseDir);
        errors.throwIfAny();
        return new Prepared(config, baseDir, baseDir.resolve(config.dataDir()), manager, plans);
    }
}
