package io.modelwatch.core.cli;

import io.modelwatch.core.generate.DemoGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelwatch generate}: writes the seeded demo logs. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a seeded week of prediction logs (translation, image classifier, recommender) with a"
                + " degradation from the middle of the week: mt.jsonl, vision.jsonl, recsys.jsonl.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "the folder to write to")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--days", defaultValue = "7", description = "days of logs (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--per-day", defaultValue = "2000", description = "records per day per model (default: ${DEFAULT-VALUE})")
    int perDay;

    @Option(names = "--start", defaultValue = "2026-11-01T00:00:00Z", description = "first timestamp (default: ${DEFAULT-VALUE})")
    Instant start;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Path> files = new DemoGenerator(seed, start, days, perDay).writeAll(out);
        for (Path f : files) {
            spec.commandLine().getOut().println("wrote " + f);
        }
        return 0;
    }
}
