package io.modelwatch.core.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Runs the {@code modelwatch} command line in-process, as {@code bin/modelwatch} would, and keeps
 * what it printed.
 *
 * @param code the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record Cli(int code, String out, String err) {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T00:00:00Z"), ZoneOffset.UTC);

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
