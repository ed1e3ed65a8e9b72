package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.EvidenceText;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {

    static SentimentAlert alert(AlertState state) {
        return SentimentAlert.newBuilder()
                .setAlertId("abac54c6-99aa-31cf-91d7-bdaceff893ad")
                .setKeyKind(KeyKind.ENTITY)
                .setKey("TSLA")
                .setState(state)
                .setSeverity(Severity.CRITICAL)
                .setWindowStart(Instant.parse("2026-01-05T03:01:00Z"))
                .setWindowEnd(Instant.parse("2026-01-05T03:11:00Z"))
                .setCount(20)
                .setNegativeShare(0.95)
                .setBaselineShare(0.1659)
                .setZScore(6.17)
                .setEvidence(List.of(
                        new EvidenceText("t-1", "$TSLA recalls 2 million cars " + "x".repeat(150), 0.98f),
                        new EvidenceText("t-2", "$TSLA cut to sell at Wedbush", 0.9f)))
                .setModelVersions(List.of("v3", "v4"))
                .setFiredAt(Instant.parse("2026-01-05T03:11:02Z"))
                .build();
    }

    @Test
    void writesStateSeverityKeyWindowShareAndEvidence() {
        String text = new AlertFormatter().format(alert(AlertState.FIRING));

        assertThat(text.lines().toList()).containsExactly(
                "FIRING   CRITICAL  entity TSLA",
                "  window   2026-01-05 03:01 to 03:11 UTC, 20 texts",
                "  negative 95% vs a normal 17% (z 6.2)",
                "  evidence 0.98 t-1  $TSLA recalls 2 million cars " + "x".repeat(68) + "...",
                "           0.90 t-2  $TSLA cut to sell at Wedbush",
                "  models   v3, v4   alert abac54c6-99aa-31cf-91d7-bdaceff893ad   sent 2026-01-05 03:11:02 UTC");
    }

    @Test
    void marksTheEndOfAnEpisode() {
        String text = new AlertFormatter().format(alert(AlertState.RESOLVED));

        assertThat(text.lines().findFirst()).contains("RESOLVED CRITICAL  entity TSLA  (episode over)");
    }

    @Test
    void writesTheFullDateOfAWindowEndOnAnotherDay() {
        SentimentAlert midnight = alert(AlertState.FIRING);
        midnight.setWindowStart(Instant.parse("2026-01-04T23:55:00Z"));
        midnight.setWindowEnd(Instant.parse("2026-01-05T00:05:00Z"));

        assertThat(new AlertFormatter().format(midnight))
                .contains("window   2026-01-04 23:55 to 2026-01-05 00:05 UTC");
    }
}
