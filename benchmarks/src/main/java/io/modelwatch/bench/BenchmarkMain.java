package io.modelwatch.bench;

/** Entry point of {@code benchmarks.jar}: runs JMH, or the end-to-end harness with {@code e2e}. */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
