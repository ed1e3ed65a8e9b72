package io.sentiflow.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one demo run did, for the closing lines and for tests. Immutable.
 *
 * @param sent texts sent to the raw topic (background and spike)
 * @param scored scored texts the job committed
 * @param deadLetters records the job sent to the dead-letter topic
 * @param fired FIRING alerts
 * @param resolved RESOLVED alerts
 * @param modelVersions versions that scored the texts
 * @param streamed real time spent streaming
 * @param scoringRate scored texts per second, from the first text sent to the last one seen scored
 * @param uiAddress where the Flink web UI was
 * @param places what lies where (broker data, model store, checkpoints, replayed files)
 */
public record DemoSummary(long sent, long scored, long deadLetters, long fired, long resolved,
        Set<String> modelVersions, Duration streamed, double scoringRate, String uiAddress, List<String> places) {

    public DemoSummary {
        modelVersions = Set.copyOf(modelVersions);
        places = List.copyOf(places);
    }

    /** Whether every text sent came out scored or as a dead letter. */
    public boolean complete() {
        return scored + deadLetters >= sent;
    }

    /** The summary on several lines, without a trailing newline. */
    public String format() {
        StringBuilder out = new StringBuilder("Summary");
        out.append(String.format(Locale.ROOT, "%n  texts sent       %,d in %d s", sent, streamed.toSeconds()));
        out.append(String.format(Locale.ROOT, "%n  texts scored     %,d%s", scored,
                complete() ? "" : "  (" + (sent - scored - deadLetters) + " not scored when the demo stopped)"));
        out.append(String.format(Locale.ROOT, "%n  dead letters     %,d", deadLetters));
        out.append(String.format(Locale.ROOT, "%n  alerts           %d fired, %d resolved", fired, resolved));
        out.append(String.format(Locale.ROOT, "%n  model versions   %s",
                modelVersions.isEmpty() ? "-" : String.join(", ", modelVersions.stream().sorted().toList())));
        out.append(String.format(Locale.ROOT, "%n  throughput       %.0f texts/s end to end (first sent to last scored)", scoringRate));
        out.append(String.format(Locale.ROOT, "%n  web UI           %s (gone now that the demo stopped)", uiAddress));
        places.forEach(place -> out.append(String.format(Locale.ROOT, "%n  %s", place)));
        return out.toString();
    }
}
