package io.modelwatch.bench;

import java.util.Arrays;

/**
 * Entry point of {@code benchmarks.jar}: {@code e2e ...} runs the end-to-end harness
 * ({@link EndToEnd}); anything else goes to JMH ({@code -h} for its options).
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "e2e".equals(args[0])) {
            EndToEnd.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        org.openjdk.jmh.Main.main(args);
    }
}
