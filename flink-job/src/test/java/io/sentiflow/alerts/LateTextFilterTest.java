package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LateTextFilterTest {

    private static final long MINUTE = 60_000;
    private static final long SIZE = 10 * MINUTE;

    @Test
    void aTextIsLateOnlyWhenItsLastWindowHasClosed() {
        long watermark = 30 * MINUTE - 2;

        assertThat(LateTextFilter.isLate(20 * MINUTE + 1, watermark, SIZE, MINUTE)).isFalse();
        assertThat(LateTextFilter.isLate(20 * MINUTE - 1, watermark, SIZE, MINUTE)).isTrue();
        assertThat(LateTextFilter.isLate(25 * MINUTE, watermark, SIZE, MINUTE)).isFalse();
    }

    @Test
    void nothingIsLateBeforeTheFirstWatermark() {
        assertThat(LateTextFilter.isLate(0, Long.MIN_VALUE, SIZE, MINUTE)).isFalse();
    }
}
