package io.modelwatch.core.cli;

import com.google.inject.Inject;
import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.kernel.MonitorPlan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelwatch validate -c FILE}: checks a configuration without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a configuration file (keys, metric types, parameters, fields, plugins) without running it.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "the YAML configuration file")
    Path config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Bootstrap bootstrap;

    @Inject
    ValidateCommand(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public Integer call() {
        try {
            Bootstrap.Prepared p = bootstrap.prepare(config);
            int metrics = p.plans().stream().mapToInt(m -> m.metrics().size()).sum();
            int monitors = p.plans().size();
            spec.commandLine().getOut().println(config + ": valid (" + monitors + (monitors == 1 ? " monitor, " : " monitors, ")
                    + metrics + (metrics == 1 ? " metric: " : " metrics: ")
                    + String.join(", ", p.plans().stream().map(MonitorPlan::name).toList()) + ")");
            return 0;
        } catch (ConfigException e) {
            return ConfigErrorsPrinter.print(e, spec.commandLine().getErr());
        }
    }
}
