package io.modelwatch.core.alert;

import io.modelwatch.api.OutputSpec;
import io.modelwatch.core.alert.AlertCondition.Reference;
import io.modelwatch.core.alert.AlertCondition.Source;
import io.modelwatch.core.config.AlertRuleConfig;
import io.modelwatch.core.config.AlertingConfig;
import io.modelwatch.core.config.ChannelConfig;
import io.modelwatch.core.config.ConfigErrors;
import io.modelwatch.core.config.MetricConfig;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.config.Suggestions;
import io.modelwatch.core.plugin.PluginCallException;
import io.modelwatch.core.plugin.RegisteredFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks alert rules and alert channels at start, adding each problem to the file's
 * {@link ConfigErrors}: a rule whose condition does not parse, names no output of its metric, or
 * reads a value that can never exist (a baseline the monitor does not have, intervals that are
 * off, the interval of a count); {@code for} below 1; an unknown channel type, a webhook without
 * an http(s) URL. Stateless.
 */
public final class AlertValidator {
    /** The channel types. */
    public static final List<String> CHANNEL_TYPES = List.of("jsonl", "log", "webhook");

    /** Headers the JDK HTTP client sets itself and refuses to take from a caller. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private AlertValidator() {
    }

    /**
     * Checks the alert rules of one metric.
     *
     * @param monitor the metric's monitor (for its baseline and intervals)
     * @param metric the metric, whose {@code alerts} are checked
     * @param factory the metric type, whose declared outputs the rules may name
     * @param errors where problems go
     * @param path the metric's path, such as {@code monitors[0].metrics[1]}
     */
    public static void checkRules(MonitorConfig monitor, MetricConfig metric, RegisteredFactory factory,
                                  ConfigErrors errors, String path) {
        if (metric.alerts().isEmpty()) {
            return;
        }
        List<OutputSpec> outputs;
        try {
            outputs = factory.guard().call("outputs", factory.factory()::outputs);
        } catch (PluginCallException e) {
            outputs = null; // reported where the plan builder reads the outputs; names cannot be checked
        }
        checkRules(metric.type(), outputs, monitor.baseline() != null, monitor.intervals().enabled(), metric.alerts(),
                errors, path);
    }

    /**
     * Checks alert rules against a metric's declared outputs.
     *
     * @param type the metric type, for messages
     * @param outputs the declared outputs; null or empty when the metric declares none, which
     *     leaves output names unchecked
     * @param hasBaseline whether the monitor has a baseline
     * @param intervals whether the monitor computes intervals
     */
    static void checkRules(String type, List<OutputSpec> outputs, boolean hasBaseline, boolean intervals,
                           List<AlertRuleConfig> rules, ConfigErrors errors, String path) {
        Set<String> names = new HashSet<>();
        for (int k = 0; k < rules.size(); k++) {
            AlertRuleConfig rule = rules.get(k);
            String rpath = path + ".alerts[" + k + "]";
            if (rule == null || rule.when() == null) {
                errors.add(rpath, "an alert rule needs a condition, such as { when: \"score < 25\", for: 2 }");
                continue;
            }
            if (rule.forWindows() < 1) {
                errors.add(rpath + ".for", "must be at least 1 (the consecutive windows the condition must hold"
                        + " before the alert fires)");
            }
            if (!names.add(rule.displayName())) {
                errors.add(rpath, "two alert rules of this metric are named '" + rule.displayName()
                        + "'; give one a different name with name:");
            }
            AlertCondition condition;
            try {
                condition = AlertCondition.parse(rule.when());
            } catch (AlertSyntaxException e) {
                errors.add(rpath + ".when", e.getMessage());
                continue;
            }
            if (rule.significant()) {
                try {
                    rule.condition();
                } catch (IllegalArgumentException e) {
                    errors.add(rpath + ".significant", e.getMessage());
                    continue;
                }
                if (!intervals) {
                    errors.add(rpath + ".significant", "significant: true needs the monitor's intervals, which are off"
                            + " (intervals: { enabled: false })");
                }
            }
            for (Reference ref : condition.references()) {
                String problem = problem(ref, type, outputs == null ? List.of() : outputs, hasBaseline, intervals);
                if (problem != null) {
                    errors.add(rpath + ".when", problem);
                }
            }
        }
    }

    /** Returns what is wrong with one identifier, or null. */
    private static String problem(Reference ref, String type, List<OutputSpec> outputs, boolean hasBaseline,
                                  boolean intervals) {
        String at = "'" + ref.text() + "' at column " + ref.column();
        // Drift statistics (drift.NAME, significant.drift.NAME) are the metric's own, not declared outputs.
        boolean drift = ref.source() == Source.DRIFT || ref.output().startsWith(Source.DRIFT.prefix());
        if (!outputs.isEmpty() && !ref.isCount() && !drift) {
            OutputSpec spec = find(outputs, ref.output());
            if (spec == null) {
                return at + " names no output of " + type + "." + hint(ref, outputs) + " Outputs: "
                        + String.join(", ", outputs.stream().map(OutputSpec::name).toList()) + "; also count, rejected."
                        + placeholderNote(outputs);
            }
            if (placeholder(spec.name()) != null && spec.name().equals(ref.output())) {
                return at + " is a placeholder: write a number in its place, such as "
                        + ref.source().prefix() + placeholder(spec.name()) + "10";
            }
            if (spec.descriptive() && ref.source() != Source.VALUE) {
                return at + " is always undefined: '" + spec.name() + "' is descriptive (a count, total or extreme),"
                        + " which gets no interval and no baseline comparison";
            }
        }
        if (ref.source() == Source.VALUE) {
            return null;
        }
        if (ref.source().needsBaseline() && !hasBaseline) {
            return at + " is always undefined: the monitor has no baseline (add one, such as baseline: { previous: 1 })";
        }
        if (ref.source().needsIntervals() && !intervals && !drift) {
            return at + " is always undefined: the monitor's intervals are off (intervals: { enabled: false })";
        }
        return null;
    }

    /** A did-you-mean for an unknown output: a misspelt output, or a misspelt prefix before a valid one. */
    private static String hint(Reference ref, List<OutputSpec> outputs) {
        String out = ref.output();
        for (int dot = out.indexOf('.'); dot >= 0; dot = out.indexOf('.', dot + 1)) {
            String tail = out.substring(dot + 1);
            if (find(outputs, tail) != null) {
                String given = ref.source().prefix() + out.substring(0, dot + 1);
                List<String> prefixes = Arrays.stream(Source.values()).map(Source::prefix).filter(p -> !p.isEmpty())
                        .toList();
                return " '" + given + "' is not a prefix (" + String.join(", ", prefixes) + ")."
                        + Suggestions.closest(given, prefixes).map(p -> " Did you mean '" + p + tail + "'?").orElse("");
            }
        }
        List<String> choices = new ArrayList<>(outputs.stream().map(OutputSpec::name).toList());
        if (ref.source() == Source.VALUE) {
            choices.add("count");
            choices.add("rejected");
        }
        return Suggestions.closest(out, choices).map(c -> " Did you mean '" + ref.source().prefix() + c + "'?")
                .orElse("");
    }

    private static String placeholderNote(List<OutputSpec> outputs) {
        for (OutputSpec o : outputs) {
            String prefix = placeholder(o.name());
            if (prefix != null) {
                return " In a name such as " + o.name() + ", write a number in its place: " + prefix + "10.";
            }
        }
        return "";
    }

    /** Returns the declared output an output name is, directly or through a placeholder; null when none. */
    static OutputSpec find(List<OutputSpec> outputs, String name) {
        for (OutputSpec o : outputs) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        for (OutputSpec o : outputs) {
            String prefix = placeholder(o.name());
            if (prefix != null && name.length() > prefix.length() && name.startsWith(prefix)
                    && name.substring(prefix.length()).matches("[0-9]+(\\.[0-9]+)?")) {
                return o;
            }
        }
        return null;
    }

    /**
     * Returns the part before the placeholder of a declared output name such as {@code ndcg@k},
     * {@code counts_n} or {@code confidence_p<percentile>}; null for a plain name.
     */
    static String placeholder(String declared) {
        int angle = declared.indexOf('<');
        if (angle > 0 && declared.endsWith(">")) {
            return declared.substring(0, angle);
        }
        if (declared.length() > 2 && (declared.endsWith("@k") || declared.endsWith("@n") || declared.endsWith("_k")
                || declared.endsWith("_n"))) {
            return declared.substring(0, declared.length() - 1);
        }
        return null;
    }

    /**
     * Checks the alert channels ({@code alerting.channels}): each has a known type; a webhook has
     * an http or https URL, a positive timeout, retries and backoff that are not negative and
     * headers the HTTP client accepts; a jsonl file is not a folder and no two jsonl channels
     * share a file; no channel takes a key meant for another type.
     *
     * @param alerting the alerting section
     * @param errors where problems go
     * @param baseDir where relative paths resolve (the configuration file's folder)
     */
    public static void checkChannels(AlertingConfig alerting, ConfigErrors errors, Path baseDir) {
        Map<Path, Integer> files = new HashMap<>();
        for (int i = 0; i < alerting.channels().size(); i++) {
            ChannelConfig c = alerting.channels().get(i);
            String path = "alerting.channels[" + i + "]";
            if (c == null || c.type() == null) {
                errors.add(path, "a channel needs a type: one of " + String.join(", ", CHANNEL_TYPES));
                continue;
            }
            switch (c.type()) {
                case "log" -> {
                    noKey(c.path() != null, "log", "path", errors, path);
                    noKey(c.url() != null, "log", "url", errors, path);
                    noKey(!c.headers().isEmpty(), "log", "headers", errors, path);
                }
                case "jsonl" -> {
                    noKey(c.url() != null, "jsonl", "url", errors, path);
                    noKey(!c.headers().isEmpty(), "jsonl", "headers", errors, path);
                    checkFile(c, errors, path, baseDir, files, i);
                }
                case "webhook" -> {
                    noKey(c.path() != null, "webhook", "path", errors, path);
                    checkWebhook(c, errors, path);
                }
                default -> errors.add(path + ".type", "unknown channel type '" + c.type() + "'."
                        + Suggestions.didYouMean(c.type(), CHANNEL_TYPES) + " Available: " + String.join(", ", CHANNEL_TYPES));
            }
        }
    }

    private static void noKey(boolean present, String type, String key, ConfigErrors errors, String path) {
        if (present) {
            errors.add(path + "." + key, "a " + type + " channel takes no " + key);
        }
    }

    private static void checkFile(ChannelConfig c, ConfigErrors errors, String path, Path baseDir,
                                  Map<Path, Integer> files, int index) {
        if (c.path() == null) {
            return; // <data-dir>/alerts.jsonl
        }
        Path file;
        try {
            file = baseDir.resolve(c.path()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            errors.add(path + ".path", "'" + c.path() + "' is not a valid file name: " + e.getReason());
            return;
        }
        if (Files.isDirectory(file)) {
            errors.add(path + ".path", file + " is a folder; name a file, such as " + c.path().replaceAll("/+$", "")
                    + "/alerts.jsonl");
            return;
        }
        Integer other = files.putIfAbsent(file, index);
        if (other != null) {
            errors.add(path + ".path", "alerting.channels[" + other + "] writes " + file + " already; use one channel"
                    + " per file");
        }
    }

    private static void checkWebhook(ChannelConfig c, ConfigErrors errors, String path) {
        URI uri = null;
        if (c.url() == null) {
            errors.add(path, "a webhook channel needs a url, such as url: https://hooks.example.com/modelwatch");
        } else {
            try {
                uri = new URI(c.url());
            } catch (URISyntaxException e) {
                errors.add(path + ".url", "'" + c.url() + "' is not a URL: " + e.getReason() + " at index " + e.getIndex());
            }
            String scheme = uri == null || uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri != null && (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null)) {
                errors.add(path + ".url", "'" + c.url() + "' is not an http or https URL with a host, such as"
                        + " https://hooks.example.com/modelwatch");
                uri = null;
            }
        }
        if (c.timeout().isNegative() || c.timeout().isZero()) {
            errors.add(path + ".timeout", "must be positive, such as 5s");
        }
        if (c.retries() < 0) {
            errors.add(path + ".retries", "must be 0 or more");
        }
        if (c.backoff().isNegative()) {
            errors.add(path + ".backoff", "must not be negative");
        }
        HttpRequest.Builder probe = HttpRequest.newBuilder(uri == null ? URI.create("http://localhost/") : uri);
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            String hpath = path + ".headers." + h.getKey();
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (h.getValue() == null) {
                errors.add(hpath, "no value given");
            } else if (lower.equals("content-type")) {
                errors.add(hpath, "a webhook always sends Content-Type: application/json");
            } else if (RESTRICTED_HEADERS.contains(lower)) {
                errors.add(hpath, "'" + h.getKey() + "' is set by the HTTP client and cannot be configured");
            } else {
                try {
                    probe.header(h.getKey(), h.getValue());
                } catch (IllegalArgumentException e) {
                    errors.add(hpath, "not a valid HTTP header: " + e.getMessage());
                }
            }
        }
    }
}
