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

    @Option(names = "--start", defaultValue = "2026-11-01T00:00:00Z", converter = InstantConverter.class,
            description = "first timestamp (default: ${DEFAULT-VALUE})")
    Instant start;

    /** Reads {@code --start} as configuration timestamps are read, with the same message when it is not one. */
    static final class InstantConverter implements picocli.CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return io.modelwatch.core.config.TimeValues.parseInstant(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (days < 1 || perDay < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (days < 1 ? "--days" : "--per-day")
                    + " must be at least 1, got " + (days < 1 ? days : perDay));
        }
        List<Path> files = new DemoGenerator(seed, start, days, perDay).writeAll(out);
        for (Path f : files) {
            spec.commandLine().getOut().println("wrote " + f);
        }
        return 0;
    }
}
