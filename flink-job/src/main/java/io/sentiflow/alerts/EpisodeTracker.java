package io.sentiflow.alerts;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.Severity;
import java.io.Serializable;

/**
 * The episode state machine of one key, free of Flink: CALM until {@code consecutive-windows}
 * hot windows in a row (outside the cooldown) fire one FIRING; FIRING until
 * {@code resolve-windows} windows in a row are not elevated (windows without texts count), which
 * sends one RESOLVED and starts the cooldown. Windows of one key must arrive in order of their
 * end, as Flink's window operator emits them. Stateless and thread-safe; the state is passed in.
 */
public final class EpisodeTracker implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int consecutiveWindows;
    private final int resolveWindows;
    private final long slideMs;
    private final long sizeMs;
    private final long cooldownMs;

    public EpisodeTracker(AlertConfig config) {
        this.consecutiveWindows = config.consecutiveWindows();
        this.resolveWindows = config.resolveWindows();
        this.slideMs = config.windowSlideMs();
        this.sizeMs = config.windowSizeMs();
        this.cooldownMs = config.cooldown().toMillis();
    }

    /**
     * The new state and the alert to send, if any.
     *
     * @param state the state after the step
     * @param transition FIRING or RESOLVED when this step sends an alert, else null
     * @param windowStart start of the window the alert reports
     * @param windowEnd end of the window the alert reports
     */
    public record Step(EpisodeState state, AlertState transition, long windowStart, long windowEnd) {

        public boolean fired() {
            return transition == AlertState.FIRING;
        }

        public boolean resolved() {
            return transition == AlertState.RESOLVED;
        }
    }

    /** Takes one closed window of the key. */
    public Step onWindow(EpisodeState state, WindowSignal window) {
        boolean contiguous = state.lastWindowEnd() != EpisodeState.NONE
                && window.windowEnd() - state.lastWindowEnd() == slideMs;
        int hotRun = window.hot() ? (contiguous ? state.hotRun() : 0) + 1 : 0;
        long lastElevated = window.elevated() ? window.windowEnd() : state.lastElevatedEnd();
        if (!state.firing()) {
            boolean cooledDown = state.cooldownUntil() == EpisodeState.NONE
                    || window.windowEnd() >= state.cooldownUntil();
            if (window.hot() && hotRun >= consecutiveWindows && cooledDown) {
                EpisodeState open = new EpisodeState(true, hotRun, window.windowEnd(), lastElevated,
                        state.cooldownUntil(), window.windowStart(), window.severity());
                return new Step(open, AlertState.FIRING, window.windowStart(), window.windowEnd());
            }
            EpisodeState calm = new EpisodeState(false, hotRun, window.windowEnd(), lastElevated,
                    state.cooldownUntil(), EpisodeState.NONE, null);
            return new Step(calm, null, window.windowStart(), window.windowEnd());
        }
        EpisodeState open = new EpisodeState(true, hotRun, window.windowEnd(), lastElevated,
                state.cooldownUntil(), state.episodeStart(), state.severity());
        return resolveIfQuiet(open, window.windowEnd());
    }

    /**
     * Takes the passing of event time up to {@code time} without a window for the key: the
     * windows in between had no texts, so they are not elevated.
     */
    public Step onQuiet(EpisodeState state, long time) {
        long windowEnd = Math.floorDiv(time + 1, slideMs) * slideMs;
        if (!state.firing() || windowEnd <= state.lastWindowEnd()) {
            return new Step(state, null, windowEnd - sizeMs, windowEnd);
        }
        EpisodeState advanced = new EpisodeState(true, 0, windowEnd, state.lastElevatedEnd(),
                state.cooldownUntil(), state.episodeStart(), state.severity());
        return resolveIfQuiet(advanced, windowEnd);
    }

    /** When a firing key next needs an event-time timer to notice quiet windows, or NONE. */
    public long resolveCheckTime(EpisodeState state) {
        return state.firing() ? state.lastElevatedEnd() + resolveWindows * slideMs - 1 : EpisodeState.NONE;
    }

    private Step resolveIfQuiet(EpisodeState open, long windowEnd) {
        if (windowEnd - open.lastElevatedEnd() < resolveWindows * slideMs) {
            return new Step(open, null, windowEnd - sizeMs, windowEnd);
        }
        Severity episodeSeverity = open.severity();
        EpisodeState closed = new EpisodeState(false, 0, open.lastWindowEnd(), open.lastElevatedEnd(),
                windowEnd + cooldownMs, open.episodeStart(), episodeSeverity);
        return new Step(closed, AlertState.RESOLVED, windowEnd - sizeMs, windowEnd);
    }
}
