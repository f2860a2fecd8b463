package io.modelwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.modelwatch.core.config.AlertingConfig;
import io.modelwatch.core.config.ChannelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The JSON form of a transition, the jsonl and log channels, and which channels a configuration opens. */
class AlertChannelsTest {
    @TempDir
    Path dir;

    static AlertTransition transition(String rule, String from, String to, Map<String, Double> values) {
        return new AlertTransition("mt", "mt-en-de", "nlp.bleu", Map.of("lang", "de"), rule, "score < 25", from, to,
                Instant.parse("2026-11-03T10:00:00Z"), Instant.parse("2026-11-03T11:00:00Z"),
                Instant.parse("2026-11-03T11:05:00Z"), values);
    }

    private static Map<String, Double> values(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void theJsonFormHasEveryFieldInAStableOrder() {
        assertThat(AlertJson.toJson(transition("low-bleu", "pending", "firing",
                values("score", 23.4, "delta.score", -3.0, "baseline.score", null, "x", Double.NaN))))
                .isEqualTo("{\"monitor\":\"mt\",\"model\":\"mt-en-de\",\"metric\":\"nlp.bleu\",\"segment\":{\"lang\":\"de\"},"
                        + "\"rule\":\"low-bleu\",\"condition\":\"score < 25\",\"from\":\"pending\",\"to\":\"firing\","
                        + "\"window\":{\"start\":\"2026-11-03T10:00:00Z\",\"end\":\"2026-11-03T11:00:00Z\"},"
                        + "\"at\":\"2026-11-03T11:05:00Z\",\"values\":{\"score\":23.4,\"delta.score\":-3,"
                        + "\"baseline.score\":null,\"x\":null}}");
    }

    @Test
    void jsonlAppendsOneFlushedObjectPerLineAcrossRuns() throws IOException {
        Path file = dir.resolve("run/alerts.jsonl");
        AlertTransition fired = transition("score < 25", "inactive", "firing", values("score", 20.0));
        AlertTransition resolved = transition("score < 25", "firing", "resolved", values("score", 30.5));

        JsonlChannel first = new JsonlChannel(file);
        first.deliver(fired);
        // flushed at once: readable while the channel is open
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(AlertJson.toJson(fired));
        first.close();
        try (JsonlChannel second = new JsonlChannel(file)) {
            second.deliver(resolved);
        }

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo(AlertJson.toJson(fired) + "\n" + AlertJson.toJson(resolved) + "\n");
        assertThat(new JsonlChannel(file).name()).isEqualTo("jsonl " + file);
    }

    @Test
    void logWarnsWhenFiringAndInformsOtherwiseOnOneLine() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory
                .getLogger("test.alerts.log-channel");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        LogChannel log = new LogChannel(logger);

        log.deliver(transition("low-bleu", "pending", "firing", values("score", 23.4, "delta.score", null)));
        log.deliver(transition("score < 25", "firing", "resolved", values("score", 26.0)));

        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "alert firing: monitor mt, metric nlp.bleu, segment {lang=de}, rule \"low-bleu\" (when score < 25)"
                        + " (pending → firing): score=23.4, delta.score=undefined;"
                        + " window 2026-11-03T10:00:00Z to 2026-11-03T11:00:00Z",
                "alert resolved: monitor mt, metric nlp.bleu, segment {lang=de}, rule \"score < 25\""
                        + " (firing → resolved): score=26; window 2026-11-03T10:00:00Z to 2026-11-03T11:00:00Z");
    }

    @Test
    void theFactoryOpensTheConfiguredChannelsOrOneLogChannel() throws IOException {
        Path data = dir.resolve("data");
        assertThat(AlertChannelFactory.create(new AlertingConfig(null), dir, data, AlertRecorder.none()))
                .singleElement().isInstanceOf(LogChannel.class);

        List<AlertChannel> channels = AlertChannelFactory.create(new AlertingConfig(List.of(
                new ChannelConfig("jsonl", null, null, null, null, null, null),
                new ChannelConfig("jsonl", "out/alerts.jsonl", null, null, null, null, null),
                new ChannelConfig("webhook", null, "http://127.0.0.1:9/hook?token=secret", null, null, null, null),
                new ChannelConfig("log", null, null, null, null, null, null))), dir, data, AlertRecorder.none());
        try {
            assertThat(channels).extracting(AlertChannel::name).containsExactly(
                    "jsonl " + data.resolve("alerts.jsonl"),
                    "jsonl " + dir.resolve("out/alerts.jsonl"),
                    "webhook http://127.0.0.1:9/hook", // no query: it may hold a secret
                    "log");
            assertThat(data.resolve("alerts.jsonl")).exists();
        } finally {
            channels.forEach(AlertChannel::close);
        }
    }
}
