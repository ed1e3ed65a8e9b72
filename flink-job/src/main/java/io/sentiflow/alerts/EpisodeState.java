package io.sentiflow.alerts;

import io.sentiflow.schema.Severity;

/**
 * Where a key stands in its alert episodes. Immutable; kept in keyed state.
 *
 * @param firing whether an episode is open (its FIRING was sent, its RESOLVED not yet)
 * @param hotRun how many consecutive windows up to {@code lastWindowEnd} were hot
 * @param lastWindowEnd end of the last window seen, or {@link #NONE}
 * @param lastElevatedEnd end of the last window whose share was elevated, or {@link #NONE}
 * @param cooldownUntil no window ending before this may fire (set when an episode resolves)
 * @param episodeStart start of the window that fired the open episode, or {@link #NONE}
 * @param severity severity of the open episode's FIRING, or null when calm
 */
public record EpisodeState(
        boolean firing,
        int hotRun,
        long lastWindowEnd,
        long lastElevatedEnd,
        long cooldownUntil,
        long episodeStart,
        Severity severity) {

    public static final long NONE = Long.MIN_VALUE;

    public static EpisodeState calm() {
        return new EpisodeState(false, 0, NONE, NONE, NONE, NONE, null);
    }
}
