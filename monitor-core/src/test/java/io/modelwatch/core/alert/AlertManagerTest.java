package io.modelwatch.core.alert;

import static io.modelwatch.core.alert.Recording.brief;
import static io.modelwatch.core.alert.Results.result;
import static io.modelwatch.core.alert.Results.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitorConfig;
import io.modelwatch.core.kernel.MutableClock;
import io.modelwatch.core.kernel.WindowResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert state machine: pending, firing, resolved, dedup, segments, scopes, failed metrics, snapshots. */
class AlertManagerTest {
    private final Recording recorder = new Recording();
    private final Recording.Channel channel = new Recording.Channel();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T00:00:00Z"));

    /** Monitor {@code mt} with metric {@code nlp.bleu} and the given alerts (YAML flow list). */
    private static List<MonitorConfig> monitors(String alerts) {
        String yaml = """
                monitors:
                  - name: mt
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics:
                      - type: nlp.bleu
                        alerts: %s
                      - type: nlp.chrf
                """.formatted(alerts);
        return new ConfigLoader(n -> null).parse(yaml, Path.of("m.yaml")).config().monitors();
    }

    private AlertManager manager(String alerts) {
        return new AlertManager(monitors(alerts), clock, List.of(channel), recorder);
    }

    private static void feed(AlertManager m, WindowResult... results) {
        for (WindowResult r : results) {
            m.accept(List.of(r));
        }
    }

    @Test
    void forOneFiresAtOnceDoesNotRepeatResolvesAndFiresAgain() {
        AlertManager m = manager("[ { when: \"score < 25\" } ]");

        feed(m, score(0, 30.0), score(1, 20.0), score(2, 19.0), score(3, 18.0), score(4, 30.0), score(5, 31.0),
                score(6, 10.0));

        assertThat(brief(recorder.transitions)).containsExactly(
                "score < 25: inactive -> firing @1",
                "score < 25: firing -> resolved @4",
                "score < 25: inactive -> firing @6");
        assertThat(channel.delivered).containsExactlyElementsOf(recorder.transitions);
        AlertTransition first = recorder.transitions.get(0);
        assertThat(first.monitor()).isEqualTo("mt");
        assertThat(first.model()).isEqualTo("mt-en-de");
        assertThat(first.metric()).isEqualTo("nlp.bleu");
        assertThat(first.condition()).isEqualTo("score < 25");
        assertThat(first.values()).containsExactly(entry("score", 20.0));
        assertThat(first.windowEnd()).isEqualTo(Results.T0.plusSeconds(2 * 3600));
        assertThat(first.at()).isEqualTo(clock.instant());
        assertThat(recorder.transitions.get(1).values()).containsExactly(entry("score", 30.0));
    }

    @Test
    void significantTrueFiresOnlyOnASignificantChange() {
        AlertManager m = manager("[ { when: \"delta.score < -2\", significant: true } ]");

        feed(m,
                Results.result().window(0).value("score", 20.0).baseline("score", 25.0).significant("score", false).build(),
                Results.result().window(1).value("score", 20.0).baseline("score", 25.0).significant("score", true).build(),
                Results.result().window(2).value("score", 24.0).baseline("score", 25.0).significant("score", true).build(),
                Results.result().window(3).value("score", 20.0).baseline("score", 25.0).build());

        assertThat(brief(recorder.transitions)).containsExactly(
                "delta.score < -2: inactive -> firing @1",
                "delta.score < -2: firing -> resolved @2");
        assertThat(recorder.transitions.get(0).values())
                .containsExactly(entry("delta.score", -5.0), entry("significant.score", 1.0));
    }

    @Test
    void forTwoIsPendingFirstAndAWindowWhereItDoesNotHoldStartsAgain() {
        AlertManager m = manager("[ { when: \"score < 25\", for: 2 } ]");

        feed(m, score(0, 20.0), score(1, 30.0), score(2, 20.0), score(3, 21.0), score(4, 22.0), score(5, 30.0));

        assertThat(brief(recorder.transitions)).containsExactly(
                "score < 25: inactive -> pending @0",
                "score < 25: pending -> inactive @1",
                "score < 25: inactive -> pending @2",
                "score < 25: pending -> firing @3",
                "score < 25: firing -> resolved @5");
    }

    @Test
    void segmentsHaveTheirOwnState() {
        AlertManager m = manager("[ { when: \"score < 25\", for: 2 } ]");

        feed(m, result().segment("lang", "de").window(0).value("score", 20.0).build(),
                result().segment("lang", "fr").window(0).value("score", 30.0).build(),
                result().segment("lang", "de").window(1).value("score", 20.0).build(),
                result().segment("lang", "fr").window(1).value("score", 20.0).build(),
                result().segment("lang", "fr").window(2).value("score", 20.0).build());

        assertThat(brief(recorder.transitions)).containsExactly(
                "{lang=de} score < 25: inactive -> pending @0",
                "{lang=de} score < 25: pending -> firing @1",
                "{lang=fr} score < 25: inactive -> pending @1",
                "{lang=fr} score < 25: pending -> firing @2");
    }

    @Test
    void totalsFailedMetricsOtherMetricsAndUnknownMonitorsLeaveTheStateAlone() {
        AlertManager m = manager("[ { when: \"score < 25\", for: 2 } ]");

        feed(m, score(0, 20.0));
        feed(m, result().window(1).scope("total").value("score", 40.0).build()); // a static run's whole input
        feed(m, result().window(1).error("metric 'nlp.bleu' failed in add: boom").build());
        feed(m, result().window(1).metric("nlp.chrf").value("score", 90.0).build()); // another metric, no rules
        feed(m, result().window(1).monitor("other").value("score", 90.0).build());
        assertThat(brief(recorder.transitions)).containsExactly("score < 25: inactive -> pending @0");

        feed(m, score(2, 20.0));
        assertThat(brief(recorder.transitions)).containsExactly(
                "score < 25: inactive -> pending @0",
                "score < 25: pending -> firing @2");
    }

    @Test
    void aTotalNeverFires() {
        AlertManager m = manager("[ { when: \"score < 25\" } ]");
        feed(m, result().scope("total").value("score", 1.0).build());
        assertThat(recorder.transitions).isEmpty();
    }

    @Test
    void everyRuleOfAMetricHasItsOwnStateAndName() {
        AlertManager m = manager("[ { name: low, when: \"score < 25\" },"
                + " { name: drop, when: \"delta.score < -2 and significant.score\" } ]");

        feed(m, result().window(0).value("score", 24.0).baseline("score", 25).significant("score", false).build(),
                result().window(1).value("score", 22.0).baseline("score", 25).significant("score", true).build());

        assertThat(brief(recorder.transitions)).containsExactly("low: inactive -> firing @0", "drop: inactive -> firing @1");
        assertThat(recorder.transitions.get(1).values()).containsExactly(entry("delta.score", -3.0),
                entry("significant.score", 1.0));
        assertThat(recorder.transitions.get(1).condition()).isEqualTo("delta.score < -2 and significant.score");
    }

    @Test
    void activeListsPendingAndFiringAlertsSorted() {
        AlertManager m = new AlertManager(monitors("[ { name: b-rule, when: \"score < 25\", for: 2 },"
                + " { name: a-rule, when: \"score < 50\" } ]"), clock, List.of(), recorder);
        feed(m, result().segment("lang", "fr").window(0).value("score", 20.0).build());
        clock.advance(Duration.ofMinutes(5));
        feed(m, result().segment("lang", "de").window(0).value("score", 60.0).build(),
                result().segment("lang", "de").window(1).value("score", 40.0).build());

        assertThat(m.active()).containsExactly(
                new AlertStatus("mt", "nlp.bleu", Map.of("lang", "de"), "a-rule", "firing",
                        Instant.parse("2026-11-10T00:05:00Z"), Results.T0.plusSeconds(2 * 3600), Map.of("score", 40.0)),
                new AlertStatus("mt", "nlp.bleu", Map.of("lang", "fr"), "a-rule", "firing",
                        Instant.parse("2026-11-10T00:00:00Z"), Results.T0.plusSeconds(3600), Map.of("score", 20.0)),
                new AlertStatus("mt", "nlp.bleu", Map.of("lang", "fr"), "b-rule", "pending",
                        Instant.parse("2026-11-10T00:00:00Z"), Results.T0.plusSeconds(3600), Map.of("score", 20.0)));

        feed(m, result().segment("lang", "fr").window(1).value("score", 60.0).build());
        assertThat(m.active()).extracting(s -> s.segment() + " " + s.rule() + " " + s.state())
                .containsExactly("{lang=de} a-rule firing");
    }

    @Test
    void aRestoredFiringAlertDoesNotFireAgainAndResolvesLater() {
        AlertManager before = manager("[ { when: \"score < 25\" }, { name: slow, when: \"score < 25\", for: 3 } ]");
        feed(before, score(0, 20.0), score(1, 20.0));
        Map<String, String> saved = before.snapshot();
        assertThat(saved).hasSize(2);
        assertThat(saved.keySet()).contains("[\"mt\",\"nlp.bleu\",{},\"score < 25\"]");
        recorder.transitions.clear();
        channel.delivered.clear();

        AlertManager after = manager("[ { when: \"score < 25\" }, { name: slow, when: \"score < 25\", for: 3 } ]");
        after.restore(saved);
        assertThat(after.active()).isEqualTo(before.active());
        feed(after, score(1, 20.0)); // replayed: already evaluated before the snapshot
        feed(after, score(2, 20.0));
        assertThat(brief(recorder.transitions)).containsExactly("slow: pending -> firing @2");
        feed(after, score(3, 30.0));
        assertThat(brief(recorder.transitions)).containsExactly("slow: pending -> firing @2",
                "score < 25: firing -> resolved @3", "slow: firing -> resolved @3");
        assertThat(after.snapshot()).isEmpty();
    }

    @Test
    void aMonitorsSnapshotHoldsOnlyItsAlertsAndItsRestoreLeavesTheOthersAlone() {
        String yaml = """
                monitors:
                  - name: mt
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: nlp.bleu, alerts: [ { when: "score < 25" } ] } ]
                  - name: other
                    source: { path: p.jsonl }
                    fields: { time: /ts }
                    metrics: [ { type: nlp.bleu, alerts: [ { when: "score < 25" } ] } ]
                """;
        List<MonitorConfig> both = new ConfigLoader(n -> null).parse(yaml, Path.of("m.yaml")).config().monitors();
        AlertManager before = new AlertManager(both, clock, List.of(channel), recorder);
        feed(before, score(0, 20.0), Results.result().monitor("other").window(0).value("score", 20.0).build());
        Map<String, String> mt = before.snapshot("mt");
        assertThat(mt.keySet()).containsExactly("[\"mt\",\"nlp.bleu\",{},\"score < 25\"]");
        assertThat(before.snapshot("other").keySet()).containsExactly("[\"other\",\"nlp.bleu\",{},\"score < 25\"]");

        AlertManager after = new AlertManager(both, clock, List.of(channel), recorder);
        after.restore("other", before.snapshot("other"));
        after.restore("mt", before.snapshot()); // entries of other monitors in it are ignored
        assertThat(after.active()).isEqualTo(before.active());
        after.restore("mt", Map.of());
        assertThat(after.active()).extracting(AlertStatus::monitor).containsExactly("other");
    }

    @Test
    void restoreDropsRulesNoLongerConfiguredAndSkipsWhatItCannotRead() {
        AlertManager before = manager("[ { name: gone, when: \"score < 25\" }, { name: kept, when: \"score < 25\" } ]");
        feed(before, score(0, 20.0));
        Map<String, String> saved = new HashMap<>(before.snapshot());
        saved.put("[\"mt\",\"nlp.bleu\",{},\"broken\"]", "{not json");
        saved.put("not a key", "{}");

        AlertManager after = manager("[ { name: kept, when: \"score < 25\" } ]");
        after.restore(saved);

        assertThat(after.active()).extracting(AlertStatus::rule).containsExactly("kept");
    }

    @Test
    void aFailingChannelIsRecordedAndTheOthersStillReceive() {
        AlertChannel broken = new AlertChannel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void deliver(AlertTransition t) {
                throw new IllegalStateException("disk full");
            }
        };
        AlertManager m = new AlertManager(monitors("[ { when: \"score < 25\" } ]"), clock, List.of(broken, channel),
                recorder);

        feed(m, score(0, 20.0));

        assertThat(channel.delivered).hasSize(1);
        assertThat(recorder.failures).containsExactly(
                "score < 25 firing | broken | java.lang.IllegalStateException: disk full");
        m.close();
        assertThat(channel.closed).isTrue();
    }

    @Test
    void aFailingRecorderDoesNotStopEvaluation() {
        AlertRecorder failing = new AlertRecorder() {
            @Override
            public void transition(AlertTransition t) {
                throw new IllegalStateException("store down");
            }

            @Override
            public void deliveryFailed(AlertTransition t, String channel, String detail) {
                throw new IllegalStateException("store down");
            }
        };
        AlertManager m = new AlertManager(monitors("[ { when: \"score < 25\" } ]"), clock, List.of(channel), failing);

        feed(m, score(0, 20.0), score(1, 30.0));

        assertThat(brief(channel.delivered)).containsExactly("score < 25: inactive -> firing @0",
                "score < 25: firing -> resolved @1");
    }

    @Test
    void aRuleThatDoesNotParseIsRefusedAtConstruction() {
        assertThatThrownBy(() -> manager("[ { when: \"score <\" } ]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monitor 'mt', metric 'nlp.bleu': alert rule: expected a number or an output name at"
                        + " column 8: \"score <\" ← here");
    }
}
