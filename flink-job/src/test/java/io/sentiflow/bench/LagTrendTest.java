package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTrendTest {

    /** Samples every 2 s for 60 s of a lag committed every 10 s, plus {@code perSecond} of growth. */
    private static List<LagTrend.Sample> sawtooth(double height, double perSecond) {
        List<LagTrend.Sample> samples = new ArrayList<>();
        for (int t = 0; t <= 60; t += 2) {
            samples.add(new LagTrend.Sample(t, Math.round(height * (t % 10) / 10.0 + perSecond * t)));
        }
        return samples;
    }

    @Test
    void theSawtoothOfCheckpointCommitsAloneIsNotGrowth() {
        LagTrend trend = new LagTrend(sawtooth(1000, 0), LagTrend.allowance(100, 10));

        assertThat(trend.allowance()).isEqualTo(250.0);
        assertThat(Math.abs(trend.growth())).isLessThan(100);
        assertThat(trend.growing()).isFalse();
        assertThat(trend.endLag()).isZero();
    }

    @Test
    void aJobFallingBehindGrowsBeyondTheAllowance() {
        // 5 records/s short of 100/s: 300 more records behind after a minute.
        LagTrend trend = new LagTrend(sawtooth(1000, 5), LagTrend.allowance(100, 10));

        assertThat(trend.slopePerSecond()).isCloseTo(5, within(1.5));
        assertThat(trend.growing()).isTrue();
    }

    @Test
    void oneSampleHasNoSlopeAndAShortCheckpointIntervalStillAllowsOneSecondsRecords() {
        LagTrend single = new LagTrend(List.of(new LagTrend.Sample(3, 42)), 10);

        assertThat(single.slopePerSecond()).isZero();
        assertThat(single.growth()).isZero();
        assertThat(single.endLag()).isEqualTo(42);
        assertThat(LagTrend.allowance(100, 0.2)).isEqualTo(25.0);
    }
}
