package io.modelwatch.core.cli;

import io.modelwatch.core.config.ConfigError;
import io.modelwatch.core.config.ConfigException;
import java.io.PrintWriter;

/** Prints configuration errors the same way for every command. */
final class ConfigErrorsPrinter {
    private ConfigErrorsPrinter() {
    }

    static int print(ConfigException e, PrintWriter err) {
        int n = e.errors().size();
        err.println("modelwatch: " + n + (n == 1 ? " configuration error:" : " configuration errors:"));
        for (ConfigError error : e.errors()) {
            err.println("  " + error);
        }
        err.flush();
        return Main.CONFIG_ERROR;
    }
}
