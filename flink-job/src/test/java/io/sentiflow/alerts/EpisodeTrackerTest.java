package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class EpisodeTrackerTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final AlertConfig CONFIG = AlertConfig.defaults();
    private final EpisodeTracker tracker = new EpisodeTracker(CONFIG);

    /** Window ending at minute m: H hot, E elevated only, '.' calm, '_' no window. */
    private List<EpisodeTracker.Step> play(String windows) {
        EpisodeState state = EpisodeState.calm();
        List<EpisodeTracker.Step> steps = new ArrayList<>();
        for (int m = 0; m < windows.length(); m++) {
            char c = windows.charAt(m);
            if (c == '_') {
                continue;
            }
            long end = (m + 10) * MINUTE;
            WindowSignal signal = new WindowSignal(end - 10 * MINUTE, end, c == 'H', c == 'H' || c == 'E', Severity.WARNING);
            EpisodeTracker.Step step = tracker.onWindow(state, signal);
            steps.add(step);
            state = step.state();
        }
        return steps;
    }

    private static List<AlertState> transitions(List<EpisodeTracker.Step> steps) {
        return steps.stream().map(EpisodeTracker.Step::transition).filter(t -> t != null).toList();
    }

    @Test
    void firesOnceAfterConsecutiveHotWindows() {
        List<EpisodeTracker.Step> steps = play("..H.HHHHHH");

        assertThat(transitions(steps)).containsExactly(AlertState.FIRING);
        assertThat(steps.get(5).fired()).isTrue();
        assertThat(steps.get(5).state().episodeStart()).isEqualTo(5 * MINUTE);
    }

    @Test
    void aMissingWindowBreaksTheRun() {
        assertThat(transitions(play("H_H_H_H"))).isEmpty();
    }

    @Test
    void resolvesAfterEnoughWindowsWithoutElevatedShare() {
        List<EpisodeTracker.Step> steps = play("HHH....E.....");

        assertThat(transitions(steps)).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(steps.get(12).resolved()).isTrue();
        assertThat(steps.get(12).state().episodeStart()).isEqualTo(steps.get(1).state().episodeStart());
    }

    @Test
    void resolvesWhenTheKeysTextsStopAltogether() {
        List<EpisodeTracker.Step> steps = play("HH");
        EpisodeState firing = steps.get(1).state();
        long check = tracker.resolveCheckTime(firing);

        assertThat(tracker.onQuiet(firing, check - MINUTE).resolved()).isFalse();
        EpisodeTracker.Step quiet = tracker.onQuiet(firing, check);
        assertThat(quiet.resolved()).isTrue();
        assertThat(quiet.windowEnd() - firing.lastElevatedEnd()).isEqualTo(CONFIG.resolveWindows() * MINUTE);
    }

    @Test
    void cooldownHoldsBackANewEpisode() {
        // Fires at minute 1, resolves at minute 6; the cooldown of 30 minutes ends at minute 36.
        String afterResolve = "HH....." + "H".repeat(40);

        List<EpisodeTracker.Step> steps = play(afterResolve);

        assertThat(transitions(steps)).containsExactly(AlertState.FIRING, AlertState.RESOLVED, AlertState.FIRING);
        int refire = steps.indexOf(steps.stream().filter(EpisodeTracker.Step::fired).skip(1).findFirst().orElseThrow());
        assertThat(steps.get(refire).windowEnd() - steps.get(6).windowEnd()).isEqualTo(CONFIG.cooldown().toMillis());
    }

    @Test
    void firesAfterOneHotWindowWhenConfiguredSo() {
        Configuration conf = new Configuration();
        conf.set(AlertOptions.CONSECUTIVE_WINDOWS, 1);
        EpisodeTracker eager = new EpisodeTracker(AlertConfig.fromConfiguration(conf));

        EpisodeTracker.Step step = eager.onWindow(EpisodeState.calm(),
                new WindowSignal(0, 10 * MINUTE, true, true, Severity.CRITICAL));

        assertThat(step.fired()).isTrue();
        assertThat(step.state().severity()).isEqualTo(Severity.CRITICAL);
    }
}
