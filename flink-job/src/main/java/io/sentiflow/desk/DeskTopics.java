package io.sentiflow.desk;

import java.util.List;
import java.util.Objects;

/**
 * The topics the desk reads and writes.
 *
 * @param scored scored texts (read)
 * @param deadLetters dead letters, only counted (read)
 * @param alerts alerts (read)
 * @param updates model versions announced (read)
 * @param windowStats the detector's judged windows (read)
 * @param verdicts analysts' verdicts (read and written)
 * @param feedback labels for the learner (written)
 */
public record DeskTopics(String scored, String deadLetters, String alerts, String updates, String windowStats,
        String verdicts, String feedback) {

    public DeskTopics {
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(windowStats, "windowStats");
        Objects.requireNonNull(verdicts, "verdicts");
        Objects.requireNonNull(feedback, "feedback");
    }

    /** Every topic the desk reads. */
    public List<String> read() {
        return List.of(scored, deadLetters, alerts, updates, windowStats, verdicts);
    }
}
