package io.modelwatch.core.sink;

import io.modelwatch.core.kernel.WindowResult;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a compact table per evaluated window: one row per metric output with its value,
 * interval, baseline and difference; windows that differ significantly from the baseline are
 * flagged in their heading and on each significant row.
 */
public final class ConsoleSink implements ResultSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private final PrintWriter out;

    public ConsoleSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(List<WindowResult> window) {
        if (window.isEmpty()) {
            return;
        }
        WindowResult first = window.get(0);
        boolean drift = window.stream().anyMatch(WindowResult::anySignificant);
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(first.monitor()).append(" (").append(first.model()).append(")  ")
                .append("total".equals(first.scope()) ? "whole input " : "window ")
                .append(TIME.format(first.windowStart())).append(" -> ").append(TIME.format(first.windowEnd()));
        if (!first.segment().isEmpty()) {
            sb.append("  segment ").append(first.segment().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        }
        sb.append("  records ").append(window.stream().mapToLong(WindowResult::count).max().orElse(0));
        if (drift) {
            sb.append("  ** differs from baseline **");
        }
        sb.append('\n');
        boolean hasBaseline = window.stream().anyMatch(r -> !r.baseline().isEmpty());
        sb.append(String.format(Locale.ROOT, "  %-22s %-14s %12s  %-25s", "metric", "output", "value", "interval"));
        if (hasBaseline) {
            sb.append(String.format(Locale.ROOT, " %12s %12s", "baseline", "delta"));
        }
        sb.append('\n');
        for (WindowResult r : window) {
            if (r.error() != null) {
                sb.append(String.format(Locale.ROOT, "  %-22s FAILED: %s%n", r.metric(), r.error()));
                continue;
            }
            String name = r.metric();
            for (Map.Entry<String, Double> e : r.values().entrySet()) {
                String output = e.getKey();
                double[] ci = r.intervals().get(output);
                sb.append(String.format(Locale.ROOT, "  %-22s %-14s %12s  %-25s", name, output, format(e.getValue()),
                        ci == null ? "" : "[" + format(ci[0]) + ", " + format(ci[1]) + "]"));
                if (hasBaseline) {
                    Double b = r.baseline().get(output);
                    Double d = r.delta().get(output);
                    sb.append(String.format(Locale.ROOT, " %12s %12s", b == null ? "" : format(b),
                            d == null ? "" : (d > 0 ? "+" : "") + format(d)));
                    if (Boolean.TRUE.equals(r.significant().get(output))) {
                        sb.append("  <- significant");
                    }
                }
                sb.append('\n');
                name = "";
            }
            if (r.rejected() > 0) {
                sb.append(String.format(Locale.ROOT, "  %-22s %-14s %12d%n", name, "(rejected)", r.rejected()));
            }
        }
        out.print(sb);
        out.flush();
    }

    static String format(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e12) {
            return Long.toString(v.longValue());
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public void close() {
        out.flush();
    }
}
