package io.modelwatch.core.cli;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.ModelWatchConfig;
import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.plugin.OnError;
import io.modelwatch.core.plugin.PluginLoadException;
import io.modelwatch.core.plugin.PluginManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say which plugins a listing command looks at. */
final class PluginSelection {
    @Option(names = "--plugins", description = "the plugins folder (default: plugins.dir of --config, else the installation's plugins/)")
    Path pluginsDir;

    @Option(names = {"-c", "--config"}, description = "take plugins.dir from this configuration file")
    Path config;

    /** Prints why the plugins folder could not be listed (a missing folder); returns the configuration error code. */
    static int print(PluginLoadException e, PrintWriter err) {
        for (String problem : e.problems()) {
            err.println("modelwatch: " + problem);
        }
        err.flush();
        return Main.CONFIG_ERROR;
    }

    /**
     * Loads the plugins, skipping broken ones so that the listing can show them.
     *
     * @throws ConfigException when {@code --config} cannot be loaded
     * @throws PluginLoadException when the plugins folder does not exist
     */
    PluginManager load() {
        Path dir = pluginsDir;
        if (dir == null && config != null) {
            ModelWatchConfig c = new ConfigLoader().load(config).config();
            if (c.plugins().dir() != null) {
                dir = config.toAbsolutePath().getParent().resolve(c.plugins().dir());
            }
        }
        return Bootstrap.plugins(dir, OnError.SKIP);
    }
}
