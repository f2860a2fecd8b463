package io.modelwatch.core.cli;

import com.google.inject.Inject;
import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.generate.DemoGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelwatch demo}: generates the demo logs into a folder, writes the bundled demo
 * configuration beside them, and runs it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a week of demo logs for three models (with a degradation midweek) and run the bundled"
                + " example configuration on them: daily windows, the first two days as baseline.")
final class DemoCommand implements Callable<Integer> {
    static final String RESOURCE = "/io/modelwatch/core/cli/demo.yaml";

    @Option(names = "--dir", defaultValue = "modelwatch-demo", description = "working folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--per-day", defaultValue = "2000", description = "records per day per model (default: ${DEFAULT-VALUE})")
    int perDay;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Bootstrap bootstrap;

    @Inject
    DemoCommand(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        new DemoGenerator(DemoGenerator.DEFAULT_SEED, DemoGenerator.DEFAULT_START, DemoGenerator.DEFAULT_DAYS, perDay)
                .writeAll(data);
        Path config = dir.resolve("demo.yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the bundled demo configuration " + RESOURCE + " is missing from the jar");
            }
            Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
        }
        spec.commandLine().getErr().println("demo: logs in " + data + ", configuration " + config
                + ", results in " + dir.resolve("out/results.jsonl") + " and " + dir.resolve("out/report.html"));
        spec.commandLine().getErr().flush();
        try {
            return RunCommand.run(bootstrap.prepare(config), spec.commandLine().getOut(), spec.commandLine().getErr(), 1, bootstrap);
        } catch (ConfigException e) {
            return ConfigErrorsPrinter.print(e, spec.commandLine().getErr());
        }
    }
}
