package io.sentiflow.learning;

import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Heads;
import io.sentiflow.training.Example;
import io.sentiflow.training.JointTrainer;
import java.util.List;
import java.util.Locale;

/**
 * Early stopping for a warm start: an epoch is rated by its accuracy on feedback held back from
 * training (both tasks pooled); among equals, the one that kept more of the replay held back wins.
 * Replay alone cannot rate epochs: the parent knows its own training data by heart (measured 0.87
 * topic, 0.93 sentiment), so every epoch looked worse than the start and training stopped at once;
 * a floor on it stopped new topics from being learnt. Forgetting is the gate's regression sets' job.
 */
final class FineTuneScorer implements JointTrainer.EpochScorer {

    private static final double KEPT_TIE_BREAK = 1e-3;

    private final List<Example> feedbackDev;
    private final List<Example> replayDev;

    FineTuneScorer(List<Example> feedbackDev, List<Example> replayDev) {
        this.feedbackDev = List.copyOf(feedbackDev);
        this.replayDev = List.copyOf(replayDev);
    }

    @Override
    public JointTrainer.EpochScore score(HeadWeights weights) {
        Heads heads = new Heads(weights);
        double learned = Gate.accuracy(heads, feedbackDev);
        double kept = Gate.accuracy(heads, replayDev);
        return new JointTrainer.EpochScore(learned + KEPT_TIE_BREAK * kept, String.format(Locale.ROOT,
                "feedback dev %.4f (n=%d)  replay dev %.4f (n=%d)", learned, feedbackDev.size(), kept,
                replayDev.size()));
    }
}
