package io.modelwatch.core.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.core.config.AlertRuleConfig;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MetricConfig;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.kernel.WindowResult;
import io.modelwatch.core.sink.ResultSink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the state of every alert — one per (monitor, metric, segment, rule) — and sends each change
 * to the recorder and the channels.
 *
 * <p>States: {@code inactive} → {@code pending} when the condition holds but has not yet held for
 * {@code for} consecutive windows → {@code firing} once it has (with {@code for: 1} straight from
 * inactive) → {@code resolved} when it stops holding, which is inactive again; a pending alert whose
 * condition stops holding goes back to {@code inactive}. Each change is one
 * {@link AlertTransition}; a firing alert is not announced again while it keeps firing.
 *
 * <p>Only results of scope {@code window} count (not a static run's {@code total}). A window
 * without a result for a metric, or with a failed one (its {@code error} set), leaves that metric's
 * alerts as they are. A window that does not end after the last one evaluated for an alert (a
 * window replayed after {@link #restore}) is skipped for it.
 *
 * <p>Thread-safe: results of one window are evaluated and their transitions published under one
 * lock, so each alert's transitions reach the recorder and the channels in order. A recorder or a
 * channel that throws is logged (and, for a channel, recorded as a failed delivery); evaluation goes on.
 */
public final class AlertManager implements ResultSink {
    private static final Logger LOG = LoggerFactory.getLogger(AlertManager.class);
    private static final ObjectMapper JSON = ConfigLoader.jsonMapper();
    private static final int SNAPSHOT_VERSION = 1;

    private enum State { INACTIVE, PENDING, FIRING }

    private record Rule(String name, AlertCondition condition, int forWindows) {
    }

    private record Key(String monitor, String metric, Map<String, String> segment, String rule) {
    }

    /** The mutable state of one alert; guarded by the manager. */
    private static final class Entry {
        State state = State.INACTIVE;
        int held;
        Instant since;
        Instant lastWindowEnd;
        Map<String, Double> values = Map.of();
    }

    private final Map<String, Map<String, List<Rule>>> rules; // monitor → metric → rules
    private final Clock clock;
    private final List<AlertChannel> channels;
    private final AlertRecorder recorder;
    private final Map<Key, Entry> entries = new HashMap<>();

    /**
     * Returns a manager for the rules of the given monitors, every alert inactive.
     *
     * @param monitors the monitors; each metric's rules are matched to results by its {@link MetricConfig#displayName()}
     * @param clock the wall clock of transitions
     * @param channels where transitions go; closed by {@link #close()}
     * @param recorder where transitions and failed deliveries are recorded
     * @throws IllegalArgumentException when a rule does not parse (rules are validated at start, see {@link AlertValidator})
     */
    public AlertManager(List<MonitorConfig> monitors, Clock clock, List<AlertChannel> channels, AlertRecorder recorder) {
        this.clock = requireNonNull(clock, "clock is null");
        this.channels = List.copyOf(channels);
        this.recorder = requireNonNull(recorder, "recorder is null");
        Map<String, Map<String, List<Rule>>> byMonitor = new HashMap<>();
        for (MonitorConfig m : monitors) {
            if (m == null) {
                continue;
            }
            for (MetricConfig mc : m.metrics()) {
                if (mc == null || mc.alerts().isEmpty()) {
                    continue;
                }
                List<Rule> list = new ArrayList<>();
                for (AlertRuleConfig rc : mc.alerts()) {
                    if (rc == null || rc.when() == null) {
                        continue;
                    }
                    try {
                        list.add(new Rule(rc.displayName(), rc.condition(), Math.max(1, rc.forWindows())));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("monitor '" + m.name() + "', metric '" + mc.displayName()
                                + "': alert rule: " + e.getMessage(), e);
                    }
                }
                byMonitor.computeIfAbsent(m.name(), k -> new HashMap<>()).put(mc.displayName(), List.copyOf(list));
            }
        }
        this.rules = byMonitor;
    }

    /** Evaluates the rules of every result of one window and publishes the transitions. */
    @Override
    public synchronized void accept(List<WindowResult> window) {
        for (WindowResult r : window) {
            if (!"window".equals(r.scope()) || r.error() != null) {
                continue;
            }
            List<Rule> list = rules.getOrDefault(r.monitor(), Map.of()).get(r.metric());
            if (list == null) {
                continue;
            }
            for (Rule rule : list) {
                evaluate(rule, r);
            }
        }
    }

    private void evaluate(Rule rule, WindowResult r) {
        Key key = new Key(r.monitor(), r.metric(), r.segment(), rule.name());
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        if (e.lastWindowEnd != null && !r.windowEnd().isAfter(e.lastWindowEnd)) {
            return;
        }
        boolean holds = rule.condition().holds(r);
        e.lastWindowEnd = r.windowEnd();
        e.values = rule.condition().read(r);
        if (holds) {
            e.held = Math.min(e.held + 1, rule.forWindows());
            if (e.state == State.INACTIVE) {
                move(e, e.held >= rule.forWindows() ? State.FIRING : State.PENDING, rule, r);
            } else if (e.state == State.PENDING && e.held >= rule.forWindows()) {
                move(e, State.FIRING, rule, r);
            }
        } else {
            e.held = 0;
            if (e.state != State.INACTIVE) {
                move(e, State.INACTIVE, rule, r);
            }
        }
    }

    private void move(Entry e, State to, Rule rule, WindowResult r) {
        State from = e.state;
        Instant now = clock.instant();
        e.state = to;
        e.since = to == State.INACTIVE ? null : now;
        String toName = to == State.INACTIVE && from == State.FIRING ? "resolved" : name(to);
        publish(new AlertTransition(r.monitor(), r.model(), r.metric(), r.segment(), rule.name(), rule.condition().text(),
                name(from), toName, r.windowStart(), r.windowEnd(), now, e.values));
    }

    private void publish(AlertTransition t) {
        try {
            recorder.transition(t);
        } catch (RuntimeException ex) {
            LOG.warn("recording the {} transition of alert \"{}\" ({} {}) failed: {}", t.to(), t.rule(), t.monitor(),
                    t.metric(), ex.toString());
        }
        for (AlertChannel c : channels) {
            try {
                c.deliver(t);
            } catch (RuntimeException ex) {
                LOG.warn("{}: could not deliver the {} transition of alert \"{}\": {}", c.name(), t.to(), t.rule(),
                        ex.toString());
                try {
                    recorder.deliveryFailed(t, c.name(), ex.toString());
                } catch (RuntimeException again) {
                    LOG.warn("recording a failed delivery failed too: {}", again.toString());
                }
            }
        }
    }

    private static String name(State s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the pending and firing alerts, sorted by monitor, metric, segment and rule. */
    public synchronized List<AlertStatus> active() {
        List<AlertStatus> out = new ArrayList<>();
        for (Map.Entry<Key, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (e.state != State.INACTIVE) {
                Key k = me.getKey();
                out.add(new AlertStatus(k.monitor(), k.metric(), k.segment(), k.rule(), name(e.state), e.since,
                        e.lastWindowEnd, e.values));
            }
        }
        out.sort(Comparator.comparing(AlertStatus::monitor).thenComparing(AlertStatus::metric)
                .thenComparing(s -> new TreeMap<>(s.segment()).toString()).thenComparing(AlertStatus::rule));
        return out;
    }

    /**
     * Returns the state of every pending and firing alert, for a checkpoint: key → value, both
     * JSON text (the key {@code ["monitor","metric",{segment},"rule"]}, the value a versioned
     * object). Inactive alerts are left out. Restore it with {@link #restore}.
     */
    public synchronized Map<String, String> snapshot() {
        return snapshot(null);
    }

    /** As {@link #snapshot()}, for one monitor's alerts only (null: every monitor's), as its checkpoint holds them. */
    public synchronized Map<String, String> snapshot(String monitor) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<Key, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (e.state == State.INACTIVE || (monitor != null && !me.getKey().monitor().equals(monitor))) {
                continue;
            }
            Key k = me.getKey();
            ArrayNode key = JSON.createArrayNode().add(k.monitor()).add(k.metric());
            ObjectNode segment = key.addObject();
            new TreeMap<>(k.segment()).forEach(segment::put);
            key.add(k.rule());
            ObjectNode value = JSON.createObjectNode().put("v", SNAPSHOT_VERSION).put("state", name(e.state))
                    .put("held", e.held).put("since", e.since.toString())
                    .put("lastWindowEnd", e.lastWindowEnd.toString());
            ObjectNode values = value.putObject("values");
            e.values.forEach((n, v) -> {
                if (v == null || !Double.isFinite(v)) {
                    values.putNull(n);
                } else {
                    values.put(n, v);
                }
            });
            out.put(key.toString(), value.toString());
        }
        return out;
    }

    /**
     * Replaces every alert's state with a {@link #snapshot()}, without publishing anything: an
     * alert that was firing is firing again and does not fire anew. Call it before the first
     * window. Entries for rules no longer configured are dropped (logged); an entry that cannot be
     * read is skipped with a warning.
     */
    public synchronized void restore(Map<String, String> snapshot) {
        restore(null, snapshot);
    }

    /**
     * As {@link #restore(Map)}, for one monitor (null: every monitor): that monitor's alerts are
     * replaced by the snapshot's entries for it; the other monitors' alerts are left as they are.
     */
    public synchronized void restore(String monitor, Map<String, String> snapshot) {
        entries.keySet().removeIf(k -> monitor == null || k.monitor().equals(monitor));
        for (Map.Entry<String, String> s : snapshot.entrySet()) {
            try {
                JsonNode key = JSON.readTree(s.getKey());
                JsonNode value = JSON.readTree(s.getValue());
                if (!key.isArray() || key.size() != 4 || value.path("v").asInt() != SNAPSHOT_VERSION) {
                    throw new IllegalArgumentException("not an alert state of version " + SNAPSHOT_VERSION);
                }
                Map<String, String> segment = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = key.get(2).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    segment.put(f.getKey(), f.getValue().asText());
                }
                Key k = new Key(key.get(0).asText(), key.get(1).asText(), Map.copyOf(segment), key.get(3).asText());
                if (monitor != null && !k.monitor().equals(monitor)) {
                    continue;
                }
                Rule rule = rules.getOrDefault(k.monitor(), Map.of()).getOrDefault(k.metric(), List.of()).stream()
                        .filter(r -> r.name().equals(k.rule())).findFirst().orElse(null);
                if (rule == null) {
                    LOG.info("alert \"{}\" of {} {} is no longer configured; its saved state is dropped", k.rule(),
                            k.monitor(), k.metric());
                    continue;
                }
                Entry e = new Entry();
                e.state = State.valueOf(value.get("state").asText().toUpperCase(java.util.Locale.ROOT));
                if (e.state == State.INACTIVE) {
                    continue;
                }
                e.held = Math.min(value.path("held").asInt(), rule.forWindows());
                e.since = Instant.parse(value.get("since").asText());
                e.lastWindowEnd = Instant.parse(value.get("lastWindowEnd").asText());
                Map<String, Double> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.path("values").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    values.put(f.getKey(), f.getValue().isNumber() ? f.getValue().asDouble() : null);
                }
                e.values = java.util.Collections.unmodifiableMap(values);
                entries.put(k, e);
            } catch (JsonProcessingException ex) {
                LOG.warn("skipping a saved alert state that is not JSON ({}): {}", ex.getOriginalMessage(), s.getKey());
            } catch (RuntimeException ex) {
                LOG.warn("skipping a saved alert state that cannot be read ({}): {}", ex, s.getKey());
            }
        }
    }

    /** Closes the channels (a webhook first sends what it has queued, within its bound). */
    @Override
    public void close() {
        for (AlertChannel c : channels) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("closing {} failed: {}", c.name(), e.toString());
            }
        }
    }
}
