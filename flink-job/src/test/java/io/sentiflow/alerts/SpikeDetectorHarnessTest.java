package io.sentiflow.alerts;

import static io.sentiflow.alerts.SpikeLogicTest.MINUTE;
import static io.sentiflow.alerts.SpikeLogicTest.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.WindowState;
import io.sentiflow.schema.WindowStatistics;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The detector operator with keyed state, event-time timers, snapshot and restore. */
class SpikeDetectorHarnessTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, WindowStats, SentimentAlert> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SpikeDetector(AlertConfig.defaults())),
                stats -> KeyedText.stateKey(stats.keyKind(), stats.key()), Types.STRING);
    }

    @Test
    void anEpisodeFiredBeforeARestoreResolvesAfterItWithTheSameId() throws Exception {
        OperatorSubtaskState snapshot;
        String alertId;
        try (var before = harness()) {
            before.open();
            before.processElement(stats(KeyKind.ENTITY, "ACME", 10, 30, 25), 10 * MINUTE - 1);
            before.processElement(stats(KeyKind.ENTITY, "ACME", 11, 30, 27), 11 * MINUTE - 1);
            before.processElement(stats(KeyKind.TOPIC, "Earnings", 11, 40, 4), 11 * MINUTE - 1);
            assertThat(before.extractOutputValues()).extracting(SentimentAlert::getState)
                    .containsExactly(AlertState.FIRING);
            alertId = before.extractOutputValues().get(0).getAlertId();
            assertThat(before.numEventTimeTimers()).isEqualTo(1);
            snapshot = before.snapshot(1, 1);
        }
        try (var after = harness()) {
            after.initializeState(snapshot);
            after.open();
            after.processWatermark(15 * MINUTE);
            assertThat(after.extractOutputValues()).isEmpty();

            after.processWatermark(16 * MINUTE);

            assertThat(after.extractOutputValues()).singleElement().satisfies(resolved -> {
                assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
                assertThat(resolved.getAlertId()).isEqualTo(alertId);
                assertThat(resolved.getKey()).isEqualTo("ACME");
            });
            assertThat(after.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void everyWindowTakenGoesToTheStatisticsAsJudgedWithTheKeysStateAfterIt() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(stats(KeyKind.TOPIC, "Earnings", 9, 40, 4), 9 * MINUTE - 1);
            harness.processElement(stats(KeyKind.ENTITY, "ACME", 10, 30, 25), 10 * MINUTE - 1);
            harness.processElement(stats(KeyKind.ENTITY, "ACME", 11, 30, 27), 11 * MINUTE - 1);
            harness.processElement(stats(KeyKind.ENTITY, "ACME", 12, 8, 1), 12 * MINUTE - 1);
            harness.processWatermark(Long.MAX_VALUE);

            assertThat(harness.getSideOutput(SpikeDetector.STATISTICS)).extracting(record -> record.getValue())
                    .extracting(WindowStatistics::getKey, WindowStatistics::getWindowEnd, WindowStatistics::getCount,
                            WindowStatistics::getState)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Earnings", Instant.ofEpochMilli(9 * MINUTE), 40L,
                                    WindowState.CALM),
                            org.assertj.core.groups.Tuple.tuple("ACME", Instant.ofEpochMilli(10 * MINUTE), 30L,
                                    WindowState.ELEVATED),
                            org.assertj.core.groups.Tuple.tuple("ACME", Instant.ofEpochMilli(11 * MINUTE), 30L,
                                    WindowState.FIRING),
                            org.assertj.core.groups.Tuple.tuple("ACME", Instant.ofEpochMilli(12 * MINUTE), 8L,
                                    WindowState.FIRING));
            WindowStatistics hot = harness.getSideOutput(SpikeDetector.STATISTICS).stream()
                    .map(record -> record.getValue()).filter(w -> w.getState() == WindowState.FIRING).findFirst()
                    .orElseThrow();
            assertThat(hot.getNegativeShare()).isEqualTo(27 / 30.0);
            assertThat(hot.getBaselineShare()).isEqualTo(AlertConfig.defaults().priorShare());
            assertThat(hot.getZScore()).isGreaterThan(AlertConfig.defaults().zThreshold());
        }
    }

    @Test
    void aTextlessKeyLeavesNoTimerBehind() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(stats(KeyKind.TOPIC, "Earnings", 10, 40, 4), 10 * MINUTE - 1);
            harness.processWatermark(Long.MAX_VALUE);

            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        }
    }
}
