package io.modelwatch.core.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code modelwatch} command. Exit codes: 0 success, 1 run failure, 2 configuration error
 * (every error printed).
 */
@Command(name = "modelwatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Monitors machine-learning models in production: reads prediction logs, computes metrics per"
                + " window, compares them with a baseline and reports what changed.",
        subcommands = {RunCommand.class, ValidateCommand.class, PluginsCommand.class, MetricsCommand.class,
                GenerateCommand.class, DemoCommand.class, HistoryCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a run failure. */
    public static final int RUN_FAILURE = 1;
    /** Exit code of a configuration error. */
    public static final int CONFIG_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit code (for tests and {@link #main}). */
    public static int execute(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new ModelWatchModule(clock));
        CommandLine cli = new CommandLine(new Main(), new GuiceFactory(injector));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return RUN_FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(Clock.systemUTC(), out, err, args));
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"modelwatch " + (v == null ? "dev" : v) + " (API " + io.modelwatch.api.ApiVersion.current() + ")"};
        }
    }

    /** Lets picocli create commands through Guice, so they get constructor injection. */
    static final class GuiceFactory implements CommandLine.IFactory {
        private final Injector injector;

        GuiceFactory(Injector injector) {
            this.injector = injector;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return injector.getInstance(cls);
            } catch (com.google.inject.ConfigurationException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
