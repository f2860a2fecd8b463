package io.modelwatch.core.kernel;

import io.modelwatch.api.Metric;
import io.modelwatch.api.MetricValue;
import io.modelwatch.api.Observation;
import io.modelwatch.core.plugin.PluginCallException;
import io.modelwatch.core.plugin.PluginGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metric of a monitor, with the guard every call into its plugin passes through. When any
 * call fails the metric marks itself failed: later calls are skipped and its results carry the
 * failure, while the monitor's other metrics keep running. Thread-safe.
 */
public final class MetricSlot {
    private static final Logger LOG = LoggerFactory.getLogger(MetricSlot.class);

    private final int index;
    private final String name;
    private final String type;
    private final String monitor;
    private final Metric<Object> metric;
    private final PluginGuard guard;
    private final java.util.Map<String, io.modelwatch.api.OutputSpec> outputs;
    private final String pluginVersion;
    private volatile String failure;

    @SuppressWarnings("unchecked")
    MetricSlot(int index, String name, String type, String monitor, Metric<?> metric, PluginGuard guard,
               java.util.List<io.modelwatch.api.OutputSpec> outputs, String pluginVersion) {
        this.index = index;
        this.pluginVersion = pluginVersion == null ? "unknown" : pluginVersion;
        java.util.Map<String, io.modelwatch.api.OutputSpec> byName = new java.util.HashMap<>();
        for (io.modelwatch.api.OutputSpec o : outputs) {
            byName.put(o.name(), o);
        }
        this.outputs = java.util.Map.copyOf(byName);
        this.name = name;
        this.type = type;
        this.monitor = monitor;
        this.metric = (Metric<Object>) metric;
        this.guard = guard;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public String plugin() {
        return guard.pluginName();
    }

    /** Returns the version of the plugin the metric comes from (its manifest's), or {@code unknown}. */
    public String pluginVersion() {
        return pluginVersion;
    }

    /** Returns the format version the metric's codec writes. */
    int codecVersion() {
        return guard.call("codec", () -> metric.codec().version());
    }

    /** Returns a state as the codec's versioned bytes (through the guard; a failure propagates: a checkpoint must not be partial). */
    byte[] encode(Object state) {
        return guard.call("encode", () -> metric.codec().toBytes(state));
    }

    /** Reads a state from the codec's versioned bytes (through the guard). */
    Object decode(byte[] bytes) {
        return guard.call("decode", () -> metric.codec().fromBytes(bytes));
    }

    /** Returns why the metric failed, or null while it works. */
    public String failure() {
        return failure;
    }

    /**
     * Whether an output is descriptive (no interval, no baseline test). A name such as
     * {@code users@10} or {@code counts_1} matches a declared placeholder {@code users@k} or
     * {@code counts_n}.
     */
    boolean isTotal(String output) {
        io.modelwatch.api.OutputSpec spec = spec(output);
        return spec != null && spec.descriptive();
    }

    /**
     * Cuts an interval of an output to the values the output can take ({@link
     * io.modelwatch.api.OutputSpec#lowest()} to {@code highest()}); returns it.
     */
    double[] withinRange(String output, double[] interval) {
        io.modelwatch.api.OutputSpec spec = spec(output);
        if (spec != null && spec.bounded()) {
            interval[0] = Math.min(Math.max(interval[0], spec.lowest()), spec.highest());
            interval[1] = Math.max(Math.min(interval[1], spec.highest()), spec.lowest());
        }
        return interval;
    }

    /** The declared output an output name stands for, through the placeholders above; or null. */
    private io.modelwatch.api.OutputSpec spec(String output) {
        io.modelwatch.api.OutputSpec spec = outputs.get(output);
        if (spec != null) {
            return spec;
        }
        int i = output.length();
        while (i > 0 && Character.isDigit(output.charAt(i - 1))) {
            i--;
        }
        if (i == output.length() || i == 0) {
            return null;
        }
        String prefix = output.substring(0, i);
        spec = outputs.get(prefix + "k");
        return spec != null ? spec : outputs.get(prefix + "n");
    }

    boolean failed() {
        return failure != null;
    }

    private void fail(PluginCallException e) {
        if (failure == null) {
            synchronized (this) {
                if (failure == null) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    failure = "metric '" + name + "' (" + type + ", plugin " + guard.pluginName() + ") of monitor '"
                            + monitor + "' failed in " + e.what() + ": " + cause;
                    LOG.error("{}; its results are left out from now on, the other metrics go on", failure, cause);
                }
            }
        }
    }

    Object newState() {
        try {
            return guard.call("newState", metric::newState);
        } catch (PluginCallException e) {
            fail(e);
            return null;
        }
    }

    /** Adds records {@code from} to {@code to} of a batch, each to the state the router chose for it. */
    void addAll(DecodedRecord[] records, Object[][][] states, int count) {
        if (failure != null) {
            return;
        }
        try {
            guard.run("add", () -> {
                for (int i = 0; i < count; i++) {
                    Object[][] byMetric = states[i];
                    if (byMetric != null) {
                        DecodedRecord r = records[i];
                        metric.add(byMetric[index][r.group], r);
                    }
                }
            });
        } catch (PluginCallException e) {
            fail(e);
        }
    }

    /** Adds one record to one state (used for baseline files). */
    void add(Object state, Observation o) {
        if (failure != null) {
            return;
        }
        try {
            guard.run("add", () -> metric.add(state, o));
        } catch (PluginCallException e) {
            fail(e);
        }
    }

    void merge(Object target, Object source) {
        if (failure != null) {
            return;
        }
        try {
            guard.run("merge", () -> metric.merge(target, source));
        } catch (PluginCallException e) {
            fail(e);
        }
    }

    /** Returns the result, or null when the metric has failed. */
    MetricValue result(Object state) {
        if (failure != null) {
            return null;
        }
        try {
            return guard.call("result", () -> metric.result(state));
        } catch (PluginCallException e) {
            fail(e);
            return null;
        }
    }

    /** Returns the metric's drift statistics of a state against a baseline state, or null when it has failed. */
    MetricValue drift(Object current, Object baseline) {
        if (failure != null || current == null || baseline == null) {
            return null;
        }
        try {
            return guard.call("drift", () -> metric.drift(current, baseline));
        } catch (PluginCallException e) {
            fail(e);
            return null;
        }
    }

    /** Returns a new state holding the merge of {@code states}. */
    Object mergeAll(Iterable<Object> states) {
        Object target = newState();
        if (target == null) {
            return null;
        }
        for (Object s : states) {
            merge(target, s);
        }
        return target;
    }
}
