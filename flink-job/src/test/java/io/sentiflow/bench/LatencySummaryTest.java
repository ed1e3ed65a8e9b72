package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void nearestRankPercentilesOfOneToHundredAreTheValuesAtThoseRanks() {
        double[] values = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();

        LatencySummary summary = LatencySummary.of(values);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Ms()).isEqualTo(50.0);
        assertThat(summary.p95Ms()).isEqualTo(95.0);
        assertThat(summary.p99Ms()).isEqualTo(99.0);
    }

    @Test
    void percentilesOfFewValuesAreMeasuredValuesNotInterpolations() {
        LatencySummary summary = LatencySummary.of(new double[] {40, 10, 30, 20});

        assertThat(summary.p50Ms()).isEqualTo(20.0);
        assertThat(summary.p95Ms()).isEqualTo(40.0);
        assertThat(summary.p99Ms()).isEqualTo(40.0);
    }

    @Test
    void singleValueIsEveryPercentile() {
        LatencySummary summary = LatencySummary.of(new double[] {7.5});

        assertThat(summary).isEqualTo(new LatencySummary(1, 7.5, 7.5, 7.5));
    }

    @Test
    void leavesTheCallersArrayUnsorted() {
        double[] values = {3, 1, 2};

        LatencySummary.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void refusesNoValues() {
        assertThatThrownBy(() -> LatencySummary.of(new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no latencies");
    }
}
