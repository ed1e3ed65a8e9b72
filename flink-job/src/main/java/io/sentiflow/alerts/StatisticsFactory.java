package io.sentiflow.alerts;

import io.sentiflow.schema.WindowState;
import io.sentiflow.schema.WindowStatistics;
import java.time.Instant;

/** Builds the {@link WindowStatistics} record of one judged window. Stateless and thread-safe. */
public final class StatisticsFactory {

    private StatisticsFactory() {}

    /**
     * The window as the detector judged it.
     *
     * @param stats the closed window
     * @param judgement how it compared with the baseline it was judged against
     * @param after the key's episode state once the window was taken
     */
    public static WindowStatistics of(WindowStats stats, SpikeLogic.Judgement judgement, EpisodeState after) {
        return WindowStatistics.newBuilder()
                .setKeyKind(stats.keyKind())
                .setKey(stats.key())
                .setWindowStart(Instant.ofEpochMilli(stats.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(stats.windowEnd()))
                .setCount(stats.count())
                .setNegativeShare(stats.share())
                .setBaselineShare(judgement.baselineShare())
                .setZScore(judgement.zScore())
                .setState(state(judgement.signal(), after))
                .build();
    }

    private static WindowState state(WindowSignal signal, EpisodeState after) {
        if (after.firing()) {
            return WindowState.FIRING;
        }
        return signal.elevated() ? WindowState.ELEVATED : WindowState.CALM;
    }
}
