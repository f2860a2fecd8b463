package io.modelwatch.core.cli;

import io.modelwatch.api.InputSpec;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.OutputSpec;
import io.modelwatch.api.ParamSpec;
import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.config.Suggestions;
import io.modelwatch.core.plugin.PluginLoadException;
import io.modelwatch.core.plugin.PluginManager;
import io.modelwatch.core.plugin.RegisteredFactory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelwatch metrics}: every metric type with its inputs, parameters and outputs. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "List every available metric type with its inputs, parameters (type, default) and outputs.")
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    PluginSelection selection;

    @Parameters(arity = "0..*", paramLabel = "TYPE", description = "only these types (for example nlp.bleu)")
    List<String> only;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PluginManager manager = selection.load()) {
            List<String> types = manager.registry().types();
            List<String> unknown = only == null ? List.of() : only.stream().filter(t -> !types.contains(t)).toList();
            if (!unknown.isEmpty()) {
                for (String t : unknown) {
                    err.println("modelwatch: unknown metric type '" + t + "'." + Suggestions.didYouMean(t, types)
                            + " Available: " + String.join(", ", types));
                }
                err.flush();
                return Main.CONFIG_ERROR;
            }
            for (RegisteredFactory rf : manager.registry().all()) {
                MetricFactory f = rf.factory();
                if (only != null && !only.isEmpty() && !only.contains(f.type())) {
                    continue;
                }
                out.println(f.type() + "  (plugin " + rf.plugin().name() + ")");
                if (!f.description().isEmpty()) {
                    out.println("  " + f.description());
                }
                if (!f.inputs().isEmpty()) {
                    out.println("  inputs (map each under fields:):");
                    for (InputSpec in : f.inputs()) {
                        out.printf("    %-22s %-10s %-9s %s%n", in.name(), in.kind().name().toLowerCase(Locale.ROOT),
                                in.required() ? "required" : "optional", in.description());
                    }
                }
                if (!f.params().isEmpty()) {
                    out.println("  params:");
                    for (ParamSpec p : f.params()) {
                        String type = p.choices().isEmpty() ? p.type().name().toLowerCase(Locale.ROOT)
                                : String.join("|", p.choices());
                        String def = p.required() ? "required" : "default " + (p.defaultValue() == null ? "none" : p.defaultValue());
                        out.printf("    %-22s %-24s %-18s %s%n", p.name(), type, def, p.description());
                    }
                }
                if (!f.outputs().isEmpty()) {
                    out.println("  outputs:");
                    for (OutputSpec o : f.outputs()) {
                        out.printf("    %-22s %s%s%n", o.name(), o.description(), o.descriptive() ? " (descriptive: no interval or baseline test)" : "");
                    }
                }
                out.println();
            }
        } catch (ConfigException e) {
            return ConfigErrorsPrinter.print(e, err);
        } catch (PluginLoadException e) {
            return PluginSelection.print(e, err);
        }
        return 0;
    }
}
