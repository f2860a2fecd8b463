package io.modelwatch.core.kernel;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricFactory;
import io.modelwatch.core.alert.AlertValidator;
import io.modelwatch.core.config.BaselineConfig;
import io.modelwatch.core.config.ConfigErrors;
import io.modelwatch.core.config.IntervalsConfig;
import io.modelwatch.core.config.MetricConfig;
import io.modelwatch.core.config.Mode;
import io.modelwatch.core.config.ModelWatchConfig;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.config.SinkConfig;
import io.modelwatch.core.config.Suggestions;
import io.modelwatch.core.config.TimeValues;
import io.modelwatch.core.config.WindowConfig;
import io.modelwatch.core.plugin.MetricRegistry;
import io.modelwatch.core.plugin.PluginCallException;
import io.modelwatch.core.plugin.RegisteredFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a loaded configuration against the installed metrics and builds the monitors: metric
 * types exist, parameters fit their declarations, every input has a field, windows and baselines
 * make sense. Every problem is added to the file's {@link ConfigErrors}, so all are reported
 * together.
 */
public final class PlanBuilder {
    private static final Set<String> SINK_TYPES = Set.of("console", "html", "jsonl");
    private static final Set<String> TIME_FORMATS = Set.of("auto", "iso", "epoch-millis", "epoch-seconds");

    private final MetricRegistry registry;

    public PlanBuilder(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Builds every monitor; problems go to {@code errors}. */
    public List<MonitorPlan> build(ModelWatchConfig config, ConfigErrors errors, Path baseDir) {
        List<MonitorPlan> plans = new ArrayList<>();
        if (config.monitors().isEmpty()) {
            errors.add("monitors", "no monitors: add a 'monitors:' list with at least one monitor");
        }
        checkSinks(config.sinks(), errors, "sinks");
        AlertValidator.checkChannels(config.alerting(), errors, baseDir);
        io.modelwatch.core.store.ResultStore.urlProblem(config.store()).ifPresent(p -> errors.add("store.url", p));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.monitors().size(); i++) {
            MonitorConfig m = config.monitors().get(i);
            String path = "monitors[" + i + "]";
            if (m == null) {
                errors.add(path, "empty monitor");
                continue;
            }
            if (m.name() == null || m.name().isBlank()) {
                errors.add(path, "a monitor needs a name");
            } else if (!names.add(m.name())) {
                errors.add(path + ".name", "monitor name '" + m.name() + "' is used twice; names must be unique");
            } else if (!m.name().matches("[A-Za-z0-9._-]+")) {
                errors.add(path + ".name", "monitor name '" + m.name() + "' may hold only letters, digits, '.', '_' and '-'"
                        + " (it names files)");
            }
            MonitorPlan plan = buildMonitor(m, errors, path, baseDir);
            if (plan != null) {
                plans.add(plan);
            }
        }
        return plans;
    }

    private static void checkSinks(List<SinkConfig> sinks, ConfigErrors errors, String path) {
        for (int j = 0; j < sinks.size(); j++) {
            SinkConfig s = sinks.get(j);
            if (s == null || s.type() == null) {
                errors.add(path + "[" + j + "]", "a sink needs a type: one of " + String.join(", ", sorted(SINK_TYPES)));
            } else if (!SINK_TYPES.contains(s.type())) {
                errors.add(path + "[" + j + "].type", "unknown sink type '" + s.type() + "'."
                        + Suggestions.didYouMean(s.type(), SINK_TYPES) + " Available: " + String.join(", ", sorted(SINK_TYPES)));
            } else if ("console".equals(s.type()) && s.path() != null) {
                errors.add(path + "[" + j + "].path", "a console sink takes no path");
            }
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private MonitorPlan buildMonitor(MonitorConfig m, ConfigErrors errors, String path, Path baseDir) {
        int before = errors.errors().size();
        if (m.source() == null) {
            errors.add(path, "a monitor needs a source, such as source: { type: jsonl, path: data/predictions.jsonl }");
        } else {
            if (!"jsonl".equals(m.source().type())) {
                errors.add(path + ".source.type", "unknown source type '" + m.source().type() + "'. Available: jsonl");
            }
            if (m.source().path() == null) {
                errors.add(path + ".source", "a jsonl source needs a path: a file, a glob, or - for standard input");
            }
            if (!TIME_FORMATS.contains(m.source().timeFormat())) {
                errors.add(path + ".source.time-format", "'" + m.source().timeFormat() + "' is not one of "
                        + String.join(", ", sorted(TIME_FORMATS)) + "."
                        + Suggestions.didYouMean(m.source().timeFormat(), TIME_FORMATS));
            }
        }
        Map<String, String> pointers = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : m.fields().entrySet()) {
            if (f.getValue() == null) {
                errors.add(path + ".fields." + f.getKey(), "no JSON Pointer given; write one such as /output/text");
                continue;
            }
            pointers.put(f.getKey(), f.getValue());
            try {
                JsonPointers.tokens(f.getValue());
            } catch (IllegalArgumentException e) {
                errors.add(path + ".fields." + f.getKey(), e.getMessage());
            }
        }
        if (!m.fields().containsKey("time")) {
            errors.add(path + ".fields", "fields: needs a 'time' entry with the JSON Pointer of the event time, such as time: /ts");
        }
        for (int s = 0; s < m.segmentBy().size(); s++) {
            if (m.segmentBy().get(s) == null) {
                errors.add(path + ".segment-by[" + s + "]", "empty item; write a JSON Pointer such as /country");
                continue;
            }
            try {
                JsonPointers.tokens(m.segmentBy().get(s));
            } catch (IllegalArgumentException e) {
                errors.add(path + ".segment-by[" + s + "]", e.getMessage());
            }
        }
        if (m.maxSegments() < 1) {
            errors.add(path + ".max-segments", "must be at least 1");
        }
        checkSinks(m.sinks(), errors, path + ".sinks");
        long[] window = window(m, errors, path);
        checkSchedule(m, errors, path);
        checkBaseline(m, errors, path + ".baseline", baseDir);
        checkIntervals(m.intervals(), errors, path + ".intervals");
        if (m.metrics().isEmpty()) {
            errors.add(path, "a monitor needs at least one metric under metrics: (see `modelwatch metrics`)");
        }

        FieldPlan fields = new FieldPlan(pointers); // without the empty ones, which FieldPlan cannot hold
        List<MetricSlot> slots = new ArrayList<>();
        Set<String> metricNames = new HashSet<>();
        for (int j = 0; j < m.metrics().size(); j++) {
            MetricConfig mc = m.metrics().get(j);
            String mpath = path + ".metrics[" + j + "]";
            if (mc == null || mc.type() == null) {
                errors.add(mpath, "a metric needs a type (see `modelwatch metrics`)");
                continue;
            }
            if (!metricNames.add(mc.displayName())) {
                errors.add(mpath, "two metrics are named '" + mc.displayName() + "'; give one a different name with name:");
            }
            RegisteredFactory rf = registry.find(mc.type()).orElse(null);
            if (rf == null) {
                errors.add(mpath + ".type", "unknown metric type '" + mc.type() + "'."
                        + Suggestions.didYouMean(mc.type(), registry.types())
                        + " Available: " + String.join(", ", registry.types()));
                continue;
            }
            MetricFactory factory = rf.factory();
            AlertValidator.checkRules(m, mc, rf, errors, mpath);
            Map<String, Object> params = ParamBinder.bind(mc.type(), factory.params(), mc.params(), errors, mpath);
            Map<String, String> bindings = new LinkedHashMap<>();
            for (Map.Entry<String, String> binding : mc.inputs().entrySet()) {
                String input = binding.getKey();
                if (factory.inputs().stream().noneMatch(in -> in.name().equals(input))) {
                    List<String> known = factory.inputs().stream().map(in -> in.name()).toList();
                    errors.add(mpath + ".inputs." + input, "unknown input '" + input + "' for " + mc.type() + "."
                            + (known.isEmpty() ? " It reads no inputs."
                            : Suggestions.didYouMean(input, known) + " Inputs: " + String.join(", ", known)));
                } else if (binding.getValue() == null) {
                    errors.add(mpath + ".inputs." + input, "no field given; write the name of a field under the"
                            + " monitor's fields:");
                } else {
                    bindings.put(input, binding.getValue());
                }
            }
            HostMetricSpec spec = new HostMetricSpec(factory, mc.displayName(), m.name(), params, bindings, fields, baseDir);
            try {
                Metric<?> metric = rf.guard().call("create", () -> factory.create(spec));
                slots.add(new MetricSlot(slots.size(), mc.displayName(), mc.type(), m.name(), metric, rf.guard(),
                        rf.guard().call("outputs", factory::outputs), rf.plugin().version()));
            } catch (PluginCallException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IllegalArgumentException) {
                    errors.add(mpath, cause.getMessage());
                } else {
                    errors.add(mpath, "plugin " + rf.plugin().name() + " failed to create " + mc.type() + ": " + cause);
                }
            }
        }
        if (errors.errors().size() > before || window == null) {
            return null;
        }
        return new MonitorPlan(m, List.copyOf(slots), new MonitorPlan.FieldPlanView(fields), window[0], window[1],
                window[2], window[3], baseDir);
    }

    /** Checks the schedule whether or not the window is right (a static monitor has none to check). */
    private static void checkSchedule(MonitorConfig m, ConfigErrors errors, String path) {
        if (m.mode() == Mode.PERIODIC && m.schedule() == null) {
            errors.add(path, "a periodic monitor needs a schedule, such as schedule: every 5m");
        }
        if (m.schedule() != null) {
            if (m.mode() != Mode.PERIODIC) {
                errors.add(path + ".schedule", "schedule applies to periodic monitors only (this one is "
                        + m.mode().name().toLowerCase(Locale.ROOT) + ")");
            } else {
                try {
                    Schedules.parse(m.schedule());
                } catch (IllegalArgumentException e) {
                    errors.add(path + ".schedule", e.getMessage());
                }
            }
        }
    }

    private static long[] window(MonitorConfig m, ConfigErrors errors, String path) {
        WindowConfig w = m.window();
        if (w == null) {
            if (m.mode() != Mode.STATIC) {
                errors.add(path, "a " + m.mode().name().toLowerCase(Locale.ROOT)
                        + " monitor needs a window, such as window: { size: 1h }");
                return null;
            }
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0};
        }
        if (w.size() == null) {
            String sizePath = path + ".window.size";
            if (errors.errors().stream().noneMatch(e -> e.path().equals(sizePath))) { // not when its value was bad
                errors.add(path + ".window", "a window needs a size, such as size: 1h");
            }
            return null;
        }
        long size = w.size().toMillis();
        long slide = w.slide() == null ? size : w.slide().toMillis();
        if (size <= 0 || slide <= 0) {
            errors.add(path + ".window", "window size and slide must be positive");
            return null;
        }
        if (slide > size) {
            errors.add(path + ".window.slide", "slide (" + TimeValues.format(w.slide()) + ") is longer than the size ("
                    + TimeValues.format(w.size()) + "): records between windows would be lost");
            return null;
        }
        long pane = gcd(size, slide);
        if (m.mode() == Mode.PERIODIC && m.schedule() != null) {
            // A tick ends a window at a pane boundary: panes must also divide the schedule's period,
            // or a 2h window evaluated every 1h could only end on 2-hour boundaries.
            try {
                long period = Schedules.parse(m.schedule()).toMillis();
                if (period > 0) {
                    pane = gcd(pane, period);
                }
            } catch (IllegalArgumentException e) {
                // reported by the schedule check
            }
        }
        return new long[] {pane, size, slide, w.allowedLateness().toMillis()};
    }

    private static void checkBaseline(MonitorConfig m, ConfigErrors errors, String path, Path baseDir) {
        BaselineConfig b = m.baseline();
        if (b == null) {
            return;
        }
        int forms = (b.file() != null ? 1 : 0) + (b.from() != null || b.to() != null ? 1 : 0) + (b.previous() != null ? 1 : 0);
        if (forms != 1) {
            errors.add(path, "a baseline is one of {file: ...}, {from: ..., to: ...} or {previous: N}");
            return;
        }
        if ((b.from() == null) != (b.to() == null)) {
            errors.add(path, "a baseline range needs both from: and to:");
        } else if (b.from() != null && !b.from().isBefore(b.to())) {
            errors.add(path, "baseline from: " + b.from() + " is not before to: " + b.to());
        }
        if (b.previous() != null && b.previous() < 1) {
            errors.add(path + ".previous", "must be at least 1");
        } else if (b.previous() != null && m.window() == null) {
            errors.add(path + ".previous", "previous: N compares each window with the N before it, so the monitor"
                    + " needs a window, such as window: { size: 1d }");
        }
        // A reference file is read at start, unlike a source (which may appear later): it must be there now.
        if (b.file() != null && !b.file().equals("-") && b.file().chars().noneMatch(c -> c == '*' || c == '?' || c == '[')
                && !Files.isRegularFile(baseDir.resolve(b.file()))) {
            errors.add(path + ".file", "baseline file " + baseDir.resolve(b.file()).normalize() + " does not exist");
        }
    }

    private static void checkIntervals(IntervalsConfig c, ConfigErrors errors, String path) {
        if (!(c.confidence() > 0 && c.confidence() < 1)) {
            errors.add(path + ".confidence", "must be between 0 and 1, such as 0.95");
        }
        if (c.groups() < 2 || c.groups() > 1024) {
            errors.add(path + ".groups", "must be between 2 and 1024 (32 is usual)");
        }
        if (!Set.of("jackknife", "bootstrap").contains(c.method())) {
            errors.add(path + ".method", "'" + c.method() + "' is not one of bootstrap, jackknife");
        }
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
