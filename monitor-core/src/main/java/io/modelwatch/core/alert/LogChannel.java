package io.modelwatch.core.alert;

import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code log} channel: one readable line per transition on the logger {@code io.modelwatch.alerts},
 * WARN when an alert fires and INFO for every other transition. Thread-safe.
 */
public final class LogChannel implements AlertChannel {
    private final Logger log;

    public LogChannel() {
        this(LoggerFactory.getLogger("io.modelwatch.alerts"));
    }

    LogChannel(Logger log) {
        this.log = log;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void deliver(AlertTransition t) {
        if ("firing".equals(t.to())) {
            log.warn("{}", line(t));
        } else {
            log.info("{}", line(t));
        }
    }

    /**
     * Returns the line, such as {@code alert firing: monitor mt, metric nlp.bleu, segment
     * {lang=de}, rule "score < 25" (pending → firing): score=23.4; window 2026-11-03T10:00:00Z to
     * 2026-11-03T11:00:00Z}.
     */
    static String line(AlertTransition t) {
        StringBuilder sb = new StringBuilder("alert ").append(t.to()).append(": monitor ").append(t.monitor())
                .append(", metric ").append(t.metric());
        if (!t.segment().isEmpty()) {
            sb.append(", segment ").append(t.segment());
        }
        sb.append(", rule \"").append(t.rule()).append('"');
        if (t.condition() != null && !t.condition().equals(t.rule())) {
            sb.append(" (when ").append(t.condition()).append(')');
        }
        sb.append(" (").append(t.from()).append(" → ").append(t.to()).append(')');
        if (!t.values().isEmpty()) {
            sb.append(": ").append(t.values().entrySet().stream().map(LogChannel::value).collect(Collectors.joining(", ")));
        }
        sb.append("; window ").append(t.windowStart()).append(" to ").append(t.windowEnd());
        return sb.toString();
    }

    private static String value(Map.Entry<String, Double> e) {
        Double v = e.getValue();
        String text = v == null ? "undefined" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue())
                : Double.toString(v);
        return e.getKey() + "=" + text;
    }
}
