package io.modelwatch.core.cli;

import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.plugin.PluginInfo;
import io.modelwatch.core.plugin.PluginLoadException;
import io.modelwatch.core.plugin.PluginManager;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code modelwatch plugins}: lists installed plugins. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List plugins: name, version, API version, folder, metric types and status.")
final class PluginsCommand implements Callable<Integer> {
    @Mixin
    PluginSelection selection;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginManager manager = selection.load()) {
            out.printf("%-10s %-16s %-5s %-8s %-40s %s%n", "NAME", "VERSION", "API", "STATUS", "FOLDER", "METRICS");
            boolean failed = false;
            for (PluginInfo p : manager.plugins()) {
                out.printf("%-10s %-16s %-5s %-8s %-40s %s%n", p.name(), p.version(), p.apiVersion(),
                        p.status().name().toLowerCase(java.util.Locale.ROOT),
                        p.folder() == null ? "(built in)" : p.folder().toString(), String.join(", ", p.metricTypes()));
                if (p.problem() != null) {
                    out.println("           problem: " + p.problem());
                    failed = true;
                }
            }
            return failed ? Main.RUN_FAILURE : 0;
        } catch (ConfigException e) {
            return ConfigErrorsPrinter.print(e, spec.commandLine().getErr());
        } catch (PluginLoadException e) {
            return PluginSelection.print(e, spec.commandLine().getErr());
        }
    }
}
