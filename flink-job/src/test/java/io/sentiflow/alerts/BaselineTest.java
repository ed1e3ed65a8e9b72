package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BaselineTest {

    private static final AlertConfig CONFIG = AlertConfig.defaults();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private static Baseline learnMany(Baseline baseline, int windows, int count, int negatives) {
        Baseline b = baseline;
        for (int i = 1; i <= windows; i++) {
            b = b.learn(i * MINUTE, count, negatives, CONFIG);
        }
        return b;
    }

    @Test
    void aKeyWithoutHistoryIsJudgedAgainstThePrior() {
        Baseline fresh = Baseline.fresh();

        assertThat(fresh.share(CONFIG)).isEqualTo(CONFIG.priorShare());
        assertThat(fresh.excessVariance(CONFIG)).isCloseTo(CONFIG.priorSpread() * CONFIG.priorSpread(), within(1e-12));
    }

    @Test
    void learnsTheKeysOwnLevelFromCalmWindows() {
        Baseline learned = learnMany(Baseline.fresh(), 600, 30, 15);

        assertThat(learned.share(CONFIG)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void oneOddWindowMovesTheLevelLittle() {
        Baseline calm = learnMany(Baseline.fresh(), 300, 20, 3);
        Baseline afterOdd = calm.learn(301 * MINUTE, 20, 20, CONFIG);

        assertThat(afterOdd.share(CONFIG) - calm.share(CONFIG)).isLessThan(0.02);
    }

    @Test
    void historyDecaysSoAnOldLevelFades() {
        Baseline high = learnMany(Baseline.fresh(), 300, 30, 15);
        Baseline dayLater = high.learn(300 * MINUTE + Duration.ofDays(3).toMillis(), 30, 3, CONFIG);

        assertThat(dayLater.share(CONFIG)).isLessThan(high.share(CONFIG) - 0.1);
    }

    @Test
    void sparseWindowsAreJudgedWithTheirCountingNoise() {
        Baseline b = Baseline.fresh();

        assertThat(b.zScore(1.0, 1, CONFIG)).isLessThan(CONFIG.zThreshold());
        assertThat(b.zScore(1.0, 20, CONFIG)).isGreaterThan(CONFIG.criticalZ());
        assertThat(b.zScore(0.3, 20, CONFIG)).isLessThan(CONFIG.zThreshold());
    }

    @Test
    void emptyWindowsTeachNothing() {
        Baseline b = Baseline.fresh();

        assertThat(b.learn(MINUTE, 0, 0, CONFIG)).isSameAs(b);
    }
}
