package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpikeLogicTest {

    static final long MINUTE = 60_000;
    private static final AlertConfig CONFIG = AlertConfig.defaults();
    private final SpikeLogic logic = new SpikeLogic(CONFIG);

    static WindowStats stats(KeyKind kind, String key, long endMinute, int count, int negatives) {
        EvidenceItem[] evidence = negatives == 0
                ? new EvidenceItem[0]
                : new EvidenceItem[] {new EvidenceItem("t-" + endMinute, key + " slumps", 0.97f)};
        return new WindowStats(kind, key, (endMinute - 10) * MINUTE, endMinute * MINUTE, count, negatives, evidence,
                new String[] {"v7"});
    }

    @Test
    void calmWindowsTeachTheBaselineAndSendNothing() {
        SpikeLogic.Outcome outcome = logic.onWindow(KeyState.fresh(), stats(KeyKind.TOPIC, "Earnings", 10, 40, 4), 0);

        assertThat(outcome.alert()).isNull();
        assertThat(outcome.state().baseline().updatedAt()).isEqualTo(10 * MINUTE);
        assertThat(outcome.resolveCheckTime()).isEqualTo(EpisodeState.NONE);
    }

    @Test
    void aFiringCarriesTheWindowBaselineEvidenceAndModelVersions() {
        KeyState state = logic.onWindow(KeyState.fresh(), stats(KeyKind.ENTITY, "ACME", 10, 30, 25), 0).state();
        SpikeLogic.Outcome outcome = logic.onWindow(state, stats(KeyKind.ENTITY, "ACME", 11, 30, 27), 1234);

        SentimentAlert alert = outcome.alert();
        assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
        assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.getKeyKind()).isEqualTo(KeyKind.ENTITY);
        assertThat(alert.getKey()).isEqualTo("ACME");
        assertThat(alert.getWindowStart()).isEqualTo(Instant.ofEpochMilli(MINUTE));
        assertThat(alert.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(11 * MINUTE));
        assertThat(alert.getCount()).isEqualTo(30);
        assertThat(alert.getNegativeShare()).isEqualTo(0.9);
        assertThat(alert.getBaselineShare()).isEqualTo(CONFIG.priorShare());
        assertThat(alert.getZScore()).isGreaterThan(CONFIG.criticalZ());
        assertThat(alert.getEvidence()).singleElement().satisfies(e -> assertThat(e.getScore()).isEqualTo(0.97f));
        assertThat(alert.getModelVersions()).containsExactly("v7");
        assertThat(alert.getFiredAt()).isEqualTo(Instant.ofEpochMilli(1234));
        assertThat(alert.getAlertId()).isEqualTo(AlertFactory.alertId(KeyKind.ENTITY, "ACME", MINUTE));
        assertThat(outcome.resolveCheckTime()).isEqualTo(16 * MINUTE - 1);
    }

    @Test
    void aModestRiseIsAWarning() {
        KeyState state = KeyState.fresh();
        for (long m = 10; m < 12; m++) {
            SpikeLogic.Outcome outcome = logic.onWindow(state, stats(KeyKind.TOPIC, "Macro", m, 100, 42), 0);
            state = outcome.state();
            if (outcome.alert() != null) {
                assertThat(outcome.alert().getSeverity()).isEqualTo(Severity.WARNING);
            }
        }
        assertThat(state.episode().firing()).isTrue();
    }

    @Test
    void theResolvedOfAnEpisodeSharesTheFiringsId() {
        KeyState state = logic.onWindow(KeyState.fresh(), stats(KeyKind.ENTITY, "ACME", 10, 30, 25), 0).state();
        SpikeLogic.Outcome fired = logic.onWindow(state, stats(KeyKind.ENTITY, "ACME", 11, 30, 27), 0);

        SpikeLogic.Outcome quiet = logic.onQuiet(fired.state(), "ENTITY:ACME", fired.resolveCheckTime(), 0);

        assertThat(quiet.alert().getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(quiet.alert().getAlertId()).isEqualTo(fired.alert().getAlertId());
        assertThat(quiet.alert().getCount()).isZero();
        assertThat(quiet.alert().getWindowEnd()).isEqualTo(Instant.ofEpochMilli(16 * MINUTE));
    }

    @Test
    void alertIdsDependOnKeyAndEpisodeOnly() {
        assertThat(AlertFactory.alertId(KeyKind.ENTITY, "ACME", 5))
                .isEqualTo(AlertFactory.alertId(KeyKind.ENTITY, "ACME", 5))
                .isNotEqualTo(AlertFactory.alertId(KeyKind.TOPIC, "ACME", 5))
                .isNotEqualTo(AlertFactory.alertId(KeyKind.ENTITY, "ACME", 6));
    }
}
