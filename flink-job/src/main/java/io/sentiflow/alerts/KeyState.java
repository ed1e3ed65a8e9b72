package io.sentiflow.alerts;

/**
 * Everything the detector keeps per key: the baseline and the episode state. Immutable.
 *
 * @param baseline the key's learned normal share
 * @param episode where the key stands in its alert episodes
 */
public record KeyState(Baseline baseline, EpisodeState episode) {

    public static KeyState fresh() {
        return new KeyState(Baseline.fresh(), EpisodeState.calm());
    }
}
