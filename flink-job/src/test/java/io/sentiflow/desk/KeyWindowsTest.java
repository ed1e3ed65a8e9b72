package io.sentiflow.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.WindowState;
import io.sentiflow.schema.WindowStatistics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyWindowsTest {

    private static final long MINUTE = 60_000;
    private final KeyWindows windows = new KeyWindows(Duration.ofHours(1), Duration.ofMinutes(5));

    @Test
    void ranksKeysWithARecentWindowByHowFarTheyStandAboveNormal() {
        windows.add(stats(KeyKind.TOPIC, "Earnings", 100, 0.2, 0.5));
        windows.add(stats(KeyKind.ENTITY, "ACME", 100, 0.9, 9.1));
        windows.add(stats(KeyKind.TOPIC, "Macro", 100, 0.1, -1.0));
        windows.add(stats(KeyKind.ENTITY, "QUIET", 90, 1.0, 20.0));

        assertThat(windows.ranking(10)).extracting(KeyWindows.Ranked::key).containsExactly("ACME", "Earnings", "Macro");
        assertThat(windows.ranking(1)).singleElement().satisfies(top -> {
            assertThat(top.latest().z()).isEqualTo(9.1);
            assertThat(top.spark()).hasSize(1);
        });
    }

    @Test
    void keepsAKeysWindowsInOrderWithinTheHistoryAndDropsRepeats() {
        for (int minute = 1; minute <= 90; minute++) {
            windows.add(stats(KeyKind.ENTITY, "ACME", minute, 0.2, 0.0));
        }
        windows.add(stats(KeyKind.ENTITY, "ACME", 50, 0.9, 9.0));

        assertThat(windows.series(KeyKind.ENTITY, "ACME")).hasSize(61)
                .extracting(WindowPoint::windowEnd).startsWith(30 * MINUTE).endsWith(90 * MINUTE);
        assertThat(windows.ranking(1).get(0).spark()).hasSize(KeyWindows.SPARK_POINTS);
    }

    @Test
    void prunesKeysQuietForLongerThanTheHistory() {
        windows.add(stats(KeyKind.ENTITY, "OLD", 10, 0.5, 1.0));
        windows.add(stats(KeyKind.ENTITY, "NEW", 200, 0.5, 1.0));

        windows.prune();

        assertThat(windows.keyCount()).isEqualTo(1);
        assertThat(windows.series(KeyKind.ENTITY, "OLD")).isEmpty();
    }

    private static WindowStatistics stats(KeyKind kind, String key, long endMinute, double share, double z) {
        return WindowStatistics.newBuilder().setKeyKind(kind).setKey(key)
                .setWindowStart(Instant.ofEpochMilli((endMinute - 10) * MINUTE))
                .setWindowEnd(Instant.ofEpochMilli(endMinute * MINUTE)).setCount(30).setNegativeShare(share)
                .setBaselineShare(0.15).setZScore(z).setState(WindowState.CALM).build();
    }
}
