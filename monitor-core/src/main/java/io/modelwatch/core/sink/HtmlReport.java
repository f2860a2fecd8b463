package io.modelwatch.core.sink;

import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.WindowResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders results as one self-contained HTML page: per monitor a summary of each metric's latest
 * window, then per metric and segment a chart of each output over the windows (inline SVG: the
 * value, its confidence band, the baseline as a dashed line, significant windows marked) and the
 * table of every window. No script, no external file, no web font: the page opens from disk and
 * can be mailed. It is also well-formed XML, so tools can read it.
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int WIDTH = 360;
    private static final int HEIGHT = 150;
    private static final int LEFT = 58;
    private static final int RIGHT = 10;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    /** The most windows of one series the page shows (the latest). */
    static final int MAX_WINDOWS = 500;

    private HtmlReport() {
    }

    /** One (metric, segment) of a monitor: its windows in time order and its whole-input result. */
    private static final class Series {
        final String metric;
        final String type;
        final Map<String, String> segment;
        final List<WindowResult> windows = new ArrayList<>();
        /** Window (start, end) → result, while grouping: a window given again replaces the earlier one. */
        final Map<List<Instant>, WindowResult> byWindow = new LinkedHashMap<>();
        WindowResult total;

        Series(WindowResult first) {
            metric = first.metric();
            type = first.type();
            segment = first.segment();
        }

        WindowResult latest() {
            return windows.isEmpty() ? total : windows.get(windows.size() - 1);
        }
    }

    /**
     * Returns the page for some results.
     *
     * @param title the page's heading
     * @param results any results, in any order; a window given twice counts once (the later one)
     * @param generated when the page was made, shown on it
     */
    public static String render(String title, List<WindowResult> results, Instant generated) {
        return render(title, results, generated, null);
    }

    /**
     * Returns the page for some results, with the alerts that are pending or firing now at its
     * top (the live page of a service).
     *
     * @param active the active alerts; null for a page without an alerts section
     */
    public static String render(String title, List<WindowResult> results, Instant generated,
                                List<io.modelwatch.core.alert.AlertStatus> active) {
        Map<String, Map<String, Series>> monitors = group(results);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width\"/>\n<title>")
                .append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<h1>")
                .append(esc(title)).append("</h1>\n<p class=\"meta\">Generated ").append(esc(TIME.format(generated)))
                .append(" UTC · ").append(monitors.size()).append(monitors.size() == 1 ? " monitor · " : " monitors · ")
                .append(results.size()).append(" results. Times are window starts, UTC. ")
                .append("<span class=\"sig\">Marked</span> values differ significantly from the baseline.</p>\n");
        if (active != null) {
            alerts(h, active);
        }
        if (monitors.isEmpty()) {
            h.append("<p>No results yet.</p>\n");
        }
        if (monitors.size() > 1) {
            h.append("<nav><ul>\n");
            for (String m : monitors.keySet()) {
                h.append("<li><a href=\"#").append(anchor(m)).append("\">").append(esc(m)).append("</a></li>\n");
            }
            h.append("</ul></nav>\n");
        }
        for (Map.Entry<String, Map<String, Series>> m : monitors.entrySet()) {
            monitor(h, m.getKey(), m.getValue().values());
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void alerts(StringBuilder h, List<io.modelwatch.core.alert.AlertStatus> active) {
        h.append("<section id=\"alerts\">\n<h2>Active alerts</h2>\n");
        if (active.isEmpty()) {
            h.append("<p>No alert is pending or firing.</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"alerts\">\n<thead><tr><th>state</th><th>monitor</th><th>metric</th><th>segment</th>")
                .append("<th>rule</th><th>since</th><th>last window end</th><th>values</th></tr></thead>\n<tbody>\n");
        for (io.modelwatch.core.alert.AlertStatus a : active) {
            h.append("<tr class=\"").append(esc(a.state())).append("\"><td>").append(esc(a.state())).append("</td><td>")
                    .append(esc(a.monitor())).append("</td><td>").append(esc(a.metric())).append("</td><td>")
                    .append(esc(segment(a.segment()))).append("</td><td>").append(esc(a.rule())).append("</td><td>")
                    .append(a.since() == null ? "–" : esc(TIME.format(a.since()))).append("</td><td>")
                    .append(a.lastWindowEnd() == null ? "–" : esc(TIME.format(a.lastWindowEnd()))).append("</td><td>");
            boolean first = true;
            for (Map.Entry<String, Double> v : a.values().entrySet()) {
                h.append(first ? "" : " ").append(esc(v.getKey())).append('=').append(number(v.getValue()));
                first = false;
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static Map<String, Map<String, Series>> group(List<WindowResult> results) {
        Map<String, Map<String, Series>> monitors = new LinkedHashMap<>();
        for (WindowResult r : results) {
            String key = r.metric() + "\u0000" + new TreeMap<>(r.segment());
            Series s = monitors.computeIfAbsent(r.monitor(), k -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new Series(r));
            if ("total".equals(r.scope())) {
                s.total = r;
            } else {
                s.byWindow.put(List.of(r.windowStart(), r.windowEnd()), r);
            }
        }
        for (Map<String, Series> series : monitors.values()) {
            for (Series s : series.values()) {
                s.windows.addAll(s.byWindow.values());
                s.byWindow.clear();
                s.windows.sort(Comparator.comparing(WindowResult::windowStart).thenComparing(WindowResult::windowEnd));
            }
        }
        return monitors;
    }

    private static void monitor(StringBuilder h, String name, java.util.Collection<Series> series) {
        WindowResult any = series.iterator().next().latest();
        h.append("<section id=\"").append(anchor(name)).append("\">\n<h2>").append(esc(name));
        if (any.model() != null && !any.model().equals(name)) {
            h.append(" <span class=\"model\">model ").append(esc(any.model())).append("</span>");
        }
        h.append("</h2>\n<table class=\"summary\">\n<thead><tr><th>metric</th><th>segment</th><th>windows</th>")
                .append("<th>latest window</th><th>count</th><th>values</th></tr></thead>\n<tbody>\n");
        for (Series s : series) {
            WindowResult last = s.latest();
            h.append("<tr><td><a href=\"#").append(anchor(name + "-" + s.metric + "-" + segment(s.segment))).append("\">")
                    .append(esc(s.metric)).append("</a>").append(s.type.equals(s.metric) ? "" : " <span class=\"type\">"
                            + esc(s.type) + "</span>").append("</td><td>").append(esc(segment(s.segment))).append("</td><td>")
                    .append(s.windows.size()).append("</td><td>")
                    .append(s.windows.isEmpty() ? "whole input" : esc(TIME.format(last.windowStart()))).append("</td><td>")
                    .append(last.count()).append(last.rejected() > 0 ? " <span class=\"rejected\">(" + last.rejected()
                            + " rejected)</span>" : "").append("</td><td>");
            if (last.error() != null) {
                h.append("<span class=\"error\">failed: ").append(esc(last.error())).append("</span>");
            } else {
                values(h, last);
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        for (Series s : series) {
            series(h, name, s);
        }
        h.append("</section>\n");
    }

    private static void values(StringBuilder h, WindowResult r) {
        boolean first = true;
        for (Map.Entry<String, Double> e : r.values().entrySet()) {
            h.append(first ? "" : " ");
            first = false;
            boolean sig = Boolean.TRUE.equals(r.significant().get(e.getKey()));
            h.append("<span class=\"value").append(sig ? " sig" : "").append("\">").append(esc(e.getKey())).append('=')
                    .append(number(e.getValue())).append("</span>");
        }
    }

    private static void series(StringBuilder h, String monitor, Series s) {
        h.append("<article id=\"").append(anchor(monitor + "-" + s.metric + "-" + segment(s.segment))).append("\">\n<h3>")
                .append(esc(s.metric)).append(s.segment.isEmpty() ? "" : " · " + esc(segment(s.segment))).append("</h3>\n");
        WindowResult last = s.latest();
        if (last.error() != null) {
            h.append("<p class=\"error\">The metric failed: ").append(esc(last.error())).append("</p>\n");
        }
        // A long series shows its latest windows only, so that the page stays small enough to open.
        List<WindowResult> shown = s.windows.subList(Math.max(0, s.windows.size() - MAX_WINDOWS), s.windows.size());
        if (shown.size() < s.windows.size()) {
            h.append("<p class=\"meta\">The latest ").append(shown.size()).append(" of ").append(s.windows.size())
                    .append(" windows.</p>\n");
        }
        Set<String> outputs = new LinkedHashSet<>();
        for (WindowResult w : shown) {
            outputs.addAll(w.values().keySet());
        }
        if (shown.size() >= 2) {
            h.append("<div class=\"charts\">\n");
            for (String output : outputs) {
                chart(h, output, shown);
            }
            h.append("</div>\n");
        }
        if (!shown.isEmpty()) {
            h.append("<details><summary>").append(shown.size() < s.windows.size() ? "the latest windows" : "every window")
                    .append(" (").append(shown.size()).append(")</summary>\n");
            windowTable(h, outputs, shown);
            h.append("</details>\n");
        }
        if (s.total != null && !s.windows.isEmpty()) {
            h.append("<p class=\"total\">Whole input: ").append(s.total.count()).append(" records; ");
            values(h, s.total);
            h.append("</p>\n");
        }
        for (Map.Entry<String, Table> t : last.tables().entrySet()) {
            reliability(h, t.getKey(), t.getValue());
        }
        if (!last.tables().isEmpty()) {
            h.append("<details><summary>tables of the ").append(s.windows.isEmpty() ? "whole input" : "latest window")
                    .append("</summary>\n");
            for (Map.Entry<String, Table> t : last.tables().entrySet()) {
                table(h, t.getKey(), t.getValue());
            }
            h.append("</details>\n");
        }
        h.append("</article>\n");
    }

    /** A line chart of one output over the windows, or nothing when fewer than two windows have a value. */
    private static void chart(StringBuilder h, String output, List<WindowResult> windows) {
        List<WindowResult> points = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (WindowResult w : windows) {
            Double v = w.values().get(output);
            if (v == null || !Double.isFinite(v)) {
                continue;
            }
            points.add(w);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            double[] ci = w.intervals().get(output);
            if (ci != null && Double.isFinite(ci[0]) && Double.isFinite(ci[1])) {
                lo = Math.min(lo, ci[0]);
                hi = Math.max(hi, ci[1]);
            }
            Double b = w.baseline().get(output);
            if (b != null && Double.isFinite(b)) {
                lo = Math.min(lo, b);
                hi = Math.max(hi, b);
            }
        }
        if (points.size() < 2) {
            return;
        }
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double pad = hi == 0 ? 1 : Math.abs(hi) * 0.1;
            lo -= pad;
            hi += pad;
        }
        long t0 = points.get(0).windowStart().toEpochMilli();
        long t1 = points.get(points.size() - 1).windowStart().toEpochMilli();
        double yLo = lo;
        double ySpan = hi - lo;
        java.util.function.ToDoubleFunction<WindowResult> x = w -> LEFT + (t1 == t0 ? 0.5
                : (w.windowStart().toEpochMilli() - t0) / (double) (t1 - t0)) * (WIDTH - LEFT - RIGHT);
        java.util.function.DoubleUnaryOperator y = v -> TOP + (1 - (v - yLo) / ySpan) * (HEIGHT - TOP - BOTTOM);

        h.append("<figure>\n<figcaption>").append(esc(output)).append("</figcaption>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(esc(output)).append(" over ").append(points.size())
                .append(" windows\">\n");
        // Axes and their labels: the value range on the left, the first and last window below.
        h.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>\n<line class=\"axis\" x1=\"").append(LEFT)
                .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"")
                .append(HEIGHT - BOTTOM).append("\"/>\n");
        label(h, LEFT - 4, TOP + 4, "end", number(hi));
        label(h, LEFT - 4, HEIGHT - BOTTOM, "end", number(lo));
        label(h, LEFT, HEIGHT - 8, "start", TIME.format(points.get(0).windowStart()));
        label(h, WIDTH - RIGHT, HEIGHT - 8, "end", TIME.format(points.get(points.size() - 1).windowStart()));
        // The confidence band: upper bounds left to right, then lower bounds back.
        StringBuilder upper = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        int banded = 0;
        for (int i = 0; i < points.size(); i++) {
            double[] ci = points.get(i).intervals().get(output);
            if (ci != null && Double.isFinite(ci[0]) && Double.isFinite(ci[1])) {
                upper.append(coord(x.applyAsDouble(points.get(i)), y.applyAsDouble(ci[1]))).append(' ');
                lower.insert(0, coord(x.applyAsDouble(points.get(i)), y.applyAsDouble(ci[0])) + " ");
                banded++;
            }
        }
        if (banded >= 2) {
            h.append("<polygon class=\"band\" points=\"").append(upper).append(lower.toString().strip()).append("\"/>\n");
        }
        StringBuilder baseline = new StringBuilder();
        int based = 0;
        for (WindowResult w : points) {
            Double b = w.baseline().get(output);
            if (b != null && Double.isFinite(b)) {
                baseline.append(based++ == 0 ? "" : " ").append(coord(x.applyAsDouble(w), y.applyAsDouble(b)));
            }
        }
        if (based >= 2) {
            h.append("<polyline class=\"baseline\" points=\"").append(baseline).append("\"/>\n");
        }
        StringBuilder line = new StringBuilder();
        for (WindowResult w : points) {
            line.append(line.length() == 0 ? "" : " ").append(coord(x.applyAsDouble(w), y.applyAsDouble(w.values().get(output))));
        }
        h.append("<polyline class=\"value\" points=\"").append(line).append("\"/>\n");
        for (WindowResult w : points) {
            double v = w.values().get(output);
            boolean sig = Boolean.TRUE.equals(w.significant().get(output));
            h.append("<circle class=\"").append(sig ? "point sig" : "point").append("\" cx=\"")
                    .append(fixed(x.applyAsDouble(w))).append("\" cy=\"").append(fixed(y.applyAsDouble(v))).append("\" r=\"")
                    .append(sig ? 4 : 2.5).append("\"><title>").append(esc(TIME.format(w.windowStart()))).append(": ")
                    .append(esc(output)).append(' ').append(number(v)).append(interval(w.intervals().get(output)));
            Double b = w.baseline().get(output);
            if (b != null) {
                h.append(", baseline ").append(number(b));
            }
            h.append(sig ? ", significant" : "").append("</title></circle>\n");
        }
        h.append("</svg>\n</figure>\n");
    }

    private static void label(StringBuilder h, int x, int y, String anchor, String text) {
        h.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(esc(text)).append("</text>\n");
    }

    private static void windowTable(StringBuilder h, Set<String> outputs, List<WindowResult> windows) {
        h.append("<table class=\"windows\">\n<thead><tr><th>window start</th><th>end</th><th>count</th>");
        for (String o : outputs) {
            h.append("<th>").append(esc(o)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (WindowResult w : windows) {
            h.append("<tr><td>").append(esc(TIME.format(w.windowStart()))).append("</td><td>")
                    .append(esc(TIME.format(w.windowEnd()))).append("</td><td>").append(w.count()).append("</td>");
            for (String o : outputs) {
                boolean sig = Boolean.TRUE.equals(w.significant().get(o));
                h.append(sig ? "<td class=\"sig\">" : "<td>").append(number(w.values().get(o)));
                double[] ci = w.intervals().get(o);
                if (ci != null) {
                    h.append("<span class=\"ci\">").append(interval(ci)).append("</span>");
                }
                Double b = w.baseline().get(o);
                if (b != null) {
                    h.append("<span class=\"base\"> base ").append(number(b)).append("</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /**
     * Draws a reliability diagram for a table of calibration bins (columns {@code lower},
     * {@code upper}, {@code count}, {@code mean_confidence}, {@code accuracy}, as
     * {@code vision.calibration} gives): per non-empty bin a bar from its lower to its upper edge
     * as high as its accuracy, a dot at (mean confidence, accuracy), and the diagonal of perfect
     * calibration. Nothing for any other table.
     */
    private static void reliability(StringBuilder h, String name, Table t) {
        int lower = t.columns().indexOf("lower");
        int upper = t.columns().indexOf("upper");
        int count = t.columns().indexOf("count");
        int confidence = t.columns().indexOf("mean_confidence");
        int accuracy = t.columns().indexOf("accuracy");
        if (lower < 0 || upper < 0 || count < 0 || confidence < 0 || accuracy < 0) {
            return;
        }
        int size = 200;
        int pad = 30;
        java.util.function.DoubleUnaryOperator x = v -> pad + Math.max(0, Math.min(1, v)) * size;
        java.util.function.DoubleUnaryOperator y = v -> pad + (1 - Math.max(0, Math.min(1, v))) * size;
        h.append("<figure class=\"reliability\">\n<figcaption>").append(esc(name)).append(": accuracy against confidence")
                .append("</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(size + 2 * pad)
                .append("\" height=\"").append(size + 2 * pad).append("\" viewBox=\"0 0 ").append(size + 2 * pad).append(' ')
                .append(size + 2 * pad).append("\" role=\"img\" aria-label=\"reliability diagram\">\n")
                .append("<rect class=\"frame\" x=\"").append(pad).append("\" y=\"").append(pad).append("\" width=\"")
                .append(size).append("\" height=\"").append(size).append("\"/>\n");
        for (List<Object> row : t.rows()) {
            Double lo = cell(row, lower);
            Double hi = cell(row, upper);
            Double n = cell(row, count);
            Double acc = cell(row, accuracy);
            Double conf = cell(row, confidence);
            if (lo == null || hi == null || n == null || n <= 0 || acc == null) {
                continue;
            }
            h.append("<rect class=\"bin\" x=\"").append(fixed(x.applyAsDouble(lo))).append("\" y=\"")
                    .append(fixed(y.applyAsDouble(acc))).append("\" width=\"")
                    .append(fixed(x.applyAsDouble(hi) - x.applyAsDouble(lo))).append("\" height=\"")
                    .append(fixed(y.applyAsDouble(0) - y.applyAsDouble(acc))).append("\"><title>[").append(number(lo))
                    .append(", ").append(number(hi)).append("): ").append(number(n)).append(" predictions, accuracy ")
                    .append(number(acc)).append(conf == null ? "" : ", mean confidence " + number(conf))
                    .append("</title></rect>\n");
            if (conf != null) {
                h.append("<circle class=\"point\" cx=\"").append(fixed(x.applyAsDouble(conf))).append("\" cy=\"")
                        .append(fixed(y.applyAsDouble(acc))).append("\" r=\"2.5\"/>\n");
            }
        }
        h.append("<line class=\"diagonal\" x1=\"").append(pad).append("\" y1=\"").append(pad + size).append("\" x2=\"")
                .append(pad + size).append("\" y2=\"").append(pad).append("\"/>\n");
        label(h, pad, pad + size + 14, "start", "0");
        label(h, pad + size, pad + size + 14, "end", "confidence 1");
        label(h, pad - 4, pad + 4, "end", "1");
        h.append("</svg>\n</figure>\n");
    }

    private static Double cell(List<Object> row, int i) {
        return row.get(i) instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }

    private static void table(StringBuilder h, String name, Table t) {
        h.append("<table class=\"plugin\">\n<caption>").append(esc(name)).append("</caption>\n<thead><tr>");
        for (String c : t.columns()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : t.rows()) {
            h.append("<tr>");
            for (Object cell : row) {
                h.append("<td>").append(cell instanceof Number n ? number(n.doubleValue()) : esc(String.valueOf(cell)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static String interval(double[] ci) {
        return ci == null ? "" : " [" + number(ci[0]) + ", " + number(ci[1]) + "]";
    }

    private static String segment(Map<String, String> segment) {
        if (segment.isEmpty()) {
            return "–";
        }
        StringBuilder s = new StringBuilder();
        new TreeMap<>(segment).forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }

    /** A number with five significant digits, without trailing zeros; a dash when undefined. */
    static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        if (v.isInfinite()) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-4)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String coord(double x, double y) {
        return fixed(x) + "," + fixed(y);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** An id for a link target: letters, digits and '-' only. */
    static String anchor(String s) {
        StringBuilder a = new StringBuilder("m-");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            a.append(Character.isLetterOrDigit(c) && c < 128 ? c : '-');
        }
        return a.append('-').append(Integer.toHexString(s.hashCode())).toString();
    }

    /** Escapes text for HTML and XML: the five special characters. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML; show them as a replacement mark.
                    b.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
                }
            }
        }
        return b.toString();
    }

    private static final String STYLE = """

            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            .meta, .model, .type, .rejected, .ci, .base { color: #666; }
            .model, .type, .ci, .base { font-size: 12px; }
            nav ul { margin: 4px 0; padding-left: 18px; }
            table { border-collapse: collapse; margin: 6px 0; }
            th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; }
            td .value { margin-right: 6px; white-space: nowrap; }
            .sig { color: #b00020; font-weight: 600; }
            .error { color: #b00020; }
            tr.firing td { background: #fde8ea; }
            tr.pending td { background: #fff6dd; }
            .charts { display: flex; flex-wrap: wrap; gap: 8px; }
            figure { margin: 0; border: 1px solid #eee; padding: 4px; }
            figcaption { font-size: 12px; font-weight: 600; }
            svg text { font-size: 10px; fill: #666; }
            svg .axis { stroke: #999; stroke-width: 1; }
            svg .band { fill: #1f77b4; fill-opacity: 0.15; stroke: none; }
            svg .baseline { fill: none; stroke: #888; stroke-width: 1; stroke-dasharray: 4 3; }
            svg .value { fill: none; stroke: #1f77b4; stroke-width: 1.5; }
            svg .point { fill: #1f77b4; }
            svg .point.sig { fill: #b00020; }
            svg .frame { fill: none; stroke: #999; }
            svg .bin { fill: #1f77b4; fill-opacity: 0.35; stroke: #1f77b4; }
            svg .diagonal { stroke: #888; stroke-dasharray: 4 3; }
            details { margin: 6px 0; }
            """;
}
