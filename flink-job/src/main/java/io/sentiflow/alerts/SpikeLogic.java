package io.sentiflow.alerts;

import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.Severity;
import io.sentiflow.schema.WindowStatistics;
import java.io.Serializable;

/**
 * One key's detector, free of Flink: judges each closed window against the key's baseline,
 * steps the {@link EpisodeTracker}, learns the baseline from calm windows only (so a spike does
 * not raise its own bar) and builds the alert to send. Stateless and thread-safe; the caller keeps
 * the {@link KeyState}.
 */
public final class SpikeLogic implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AlertConfig config;
    private final EpisodeTracker tracker;

    public SpikeLogic(AlertConfig config) {
        this.config = config;
        this.tracker = new EpisodeTracker(config);
    }

    /**
     * What a step produced.
     *
     * @param state the key's state to keep
     * @param alert the alert to send, or null
     * @param resolveCheckTime event time at which to call {@link #onQuiet}, or {@link EpisodeState#NONE}
     * @param statistics the window as judged, for charts; null when no window was taken ({@link #onQuiet})
     */
    public record Outcome(KeyState state, SentimentAlert alert, long resolveCheckTime, WindowStatistics statistics) {}

    /** How a window compares with the baseline it was judged against. */
    public record Judgement(WindowSignal signal, double baselineShare, double zScore) {}

    /** Judges a window against a baseline without changing anything. */
    public Judgement judge(WindowStats stats, Baseline baseline) {
        double baselineShare = baseline.share(config);
        double share = stats.share();
        double z = stats.count() == 0 ? 0.0 : baseline.zScore(share, stats.count(), config);
        boolean elevated = stats.count() > 0 && share >= config.shareFloor() && z >= config.zThreshold();
        boolean hot = elevated && stats.count() >= config.minVolume();
        boolean critical = z >= config.criticalZ() || share - baselineShare >= config.criticalExcess();
        Severity severity = critical ? Severity.CRITICAL : Severity.WARNING;
        WindowSignal signal = new WindowSignal(stats.windowStart(), stats.windowEnd(), hot, elevated, severity);
        return new Judgement(signal, baselineShare, z);
    }

    /** Takes one closed window of the key; {@code now} is the processing time for {@code firedAt}. */
    public Outcome onWindow(KeyState state, WindowStats stats, long now) {
        Judgement judgement = judge(stats, state.baseline());
        EpisodeTracker.Step step = tracker.onWindow(state.episode(), judgement.signal());
        boolean calm = !step.state().firing() && !judgement.signal().elevated();
        Baseline baseline = calm
                ? state.baseline().learn(stats.windowEnd(), stats.count(), stats.negatives(), config)
                : state.baseline();
        SentimentAlert alert = step.transition() == null
                ? null
                : AlertFactory.alert(stats, step.transition(), step.state().severity(), step.state().episodeStart(),
                        judgement.baselineShare(), judgement.zScore(), now);
        return new Outcome(new KeyState(baseline, step.state()), alert, tracker.resolveCheckTime(step.state()),
                StatisticsFactory.of(stats, judgement, step.state()));
    }

    /**
     * Takes the passing of event time up to {@code time} without windows for the key, which may
     * resolve its open episode.
     */
    public Outcome onQuiet(KeyState state, String stateKey, long time, long now) {
        EpisodeTracker.Step step = tracker.onQuiet(state.episode(), time);
        KeyState next = new KeyState(state.baseline(), step.state());
        if (!step.resolved()) {
            return new Outcome(next, null, tracker.resolveCheckTime(step.state()), null);
        }
        WindowStats empty = WindowStats.of(stateKey, step.windowStart(), step.windowEnd(), WindowTally.empty());
        SentimentAlert alert = AlertFactory.alert(empty, step.transition(), step.state().severity(),
                step.state().episodeStart(), state.baseline().share(config), 0.0, now);
        return new Outcome(next, alert, EpisodeState.NONE, null);
    }
}
