package io.sentiflow.learning;

import io.sentiflow.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * The id of a round's candidate, {@code fb-<16 hex>}: the sha256 of the parent version, the settings,
 * every example used (id, task and label, in id order) and the regression sets. No clock goes in, so
 * a restarted learner that re-runs the same round arrives at the same id and finds its version.
 */
final class CandidateId {

    private static final String PREFIX = "fb-";

    private CandidateId() {}

    static String of(String parentVersion, RoundExamples round, List<RegressionSet> regression,
            LearningSettings settings) {
        StringBuilder text = new StringBuilder();
        text.append("parent\t").append(parentVersion).append('\n');
        text.append("settings\t").append(settings.asMap()).append('\n');
        append(text, "train", round.trainFeedback());
        append(text, "holdout", round.holdout());
        append(text, "replay", round.replay());
        for (RegressionSet set : regression) {
            text.append("regression\t").append(set.name()).append('\t').append(set.task()).append('\n');
            append(text, "regression-example", set.examples());
        }
        return PREFIX + Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** Sha256 of the ids and labels of {@code examples}, for the manifest's training data. */
    static String digest(Collection<LabeledExample> examples) {
        StringBuilder text = new StringBuilder();
        append(text, "", examples);
        return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void append(StringBuilder text, String kind, Collection<LabeledExample> examples) {
        for (LabeledExample example : examples) {
            text.append(kind).append('\t').append(example.id()).append('\t').append(example.task()).append('\t')
                    .append(example.label()).append('\n');
        }
    }
}
