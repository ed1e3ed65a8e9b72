package io.sentiflow.learning;

import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Heads;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VerifiedVersion;
import io.sentiflow.training.Example;
import io.sentiflow.training.JointTrainer;
import io.sentiflow.training.Task;
import io.sentiflow.training.TrainingRun;
import io.sentiflow.training.TrainingSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One learning round on labelled feedback: warm-starts from the parent version's weights (growing
 * the topic head for new topics), fine-tunes on the feedback minus its hold-out mixed with replay,
 * gates the candidate ({@link Gate}) and publishes it: {@code PUBLISHED} and promoted when the gate
 * passes, {@code REFUSED} (kept for inspection, never servable) otherwise.
 *
 * <p>Crash safe and idempotent: the version id is derived from the parent, the examples used and the
 * settings ({@link CandidateId}), training is seeded, and publishing is atomic, so re-running a round
 * after a crash finds its version in the store, writes nothing twice and only finishes the promotion.
 * Encoding is the caller's job ({@link LabeledSets} helps).
 *
 * <p>Not thread safe: one round at a time per instance. Holds no resources; nothing to close.
 */
public final class IncrementalLearner {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalLearner.class);

    /** Bounds how far a handful of feedback examples is multiplied against a large replay buffer. */
    static final int MAX_FEEDBACK_REPEATS = 4;

    private final ModelStore store;
    private final LearningSettings settings;

    public IncrementalLearner(ModelStore store, LearningSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Learns from {@code feedback} on top of {@code parentVersion}.
     *
     * @param replay examples of the original training data (and earlier feedback) to train on alongside
     * @param regression sets the candidate must not get worse on by more than the margin
     * @param progress one line per step and epoch, for logs
     * @throws IllegalArgumentException if the parent is not a servable version, or no feedback example
     *     is usable for training (every label unknown, or topics still short of examples)
     */
    public LearningOutcome learn(String parentVersion, List<LabeledExample> feedback, List<LabeledExample> replay,
            List<RegressionSet> regression, Consumer<String> progress) throws IOException {
        VerifiedVersion parent = verifiedParent(parentVersion);
        RoundExamples round = RoundExamples.of(parent.manifest(), feedback, replay, settings);
        progress.accept("round on " + parentVersion + ": " + round.counts() + (round.excluded().isEmpty() ? ""
                : ", excluded " + round.excluded()) + (round.waiting().isEmpty() ? "" : ", waiting " + round.waiting()));
        if (round.trainFeedback().isEmpty()) {
            throw new IllegalArgumentException("No usable feedback to train on: " + round.counts() + ", excluded "
                    + round.excluded() + ", waiting " + round.waiting());
        }
        String version = CandidateId.of(parentVersion, round, regression, settings);
        CandidatePublisher publisher = new CandidatePublisher(store, settings);
        if (store.contains(version)) {
            progress.accept("version " + version + " is already in the store (an earlier run of this round)");
            return publisher.resume(version, parent.manifest());
        }
        Split split = split(round);
        HeadWeights start = round.newTopics().isEmpty() ? parent.weights() : HeadGrowth.addTopics(parent.weights(),
                newTopicExamples(round, split), round.replay().stream().filter(e -> e.task() == Task.TOPIC)
                        .map(e -> e.encoded().toFloats()).toList());
        TrainingSettings fineTune = settings.fineTune();
        float[] classWeights = TrainingRun.classWeights(split.train(), start.dims().sentiments(),
                fineTune.sentimentWeightPower());
        JointTrainer.TrainedHeads trained = new JointTrainer(fineTune, start.dims(), classWeights)
                .fineTune(start, split.train(), new FineTuneScorer(split.feedbackDev(), split.replayDev()), progress);
        List<Gate.MappedSet> regressionSets = mapped(round, regression);
        GateDecision gate = new Gate(settings).decide(new Heads(parent.weights()), new Heads(trained.weights()),
                round.holdout().stream().map(round::toExample).toList(), regressionSets,
                Gate.floors(parent.manifest().metrics(), regressionSets), round.newTopics());
        progress.accept(gate.reason());
        LOG.info("Learning round on {}: candidate {} {}", parentVersion, version, gate.reason());
        return publisher.publish(version, parent.manifest(), round, trained, classWeights, split, gate);
    }

    private VerifiedVersion verifiedParent(String parentVersion) {
        try {
            return store.verify(parentVersion, null, null);
        } catch (ModelRejectedException e) {
            throw new IllegalArgumentException("Cannot learn on top of " + parentVersion + ": " + e.getMessage(), e);
        }
    }

    /**
     * Training and early-stopping examples: a seeded {@code devFraction} of the feedback-train and of
     * the replay examples is held back for {@link FineTuneScorer} (the feedback's hold-out stays with
     * the gate). In the training part the feedback is repeated ({@code feedbackRepeats}, at most
     * {@value #MAX_FEEDBACK_REPEATS}) towards as many examples as the replay: a few dozen corrections
     * among hundreds of replayed texts barely moved the weights. Examples of a new topic are not
     * repeated: repeated, a "Crypto" class learnt from 24 texts took 8 percent of the other topics'
     * valid texts.
     */
    record Split(List<Example> train, List<Example> feedbackDev, List<Example> replayDev, int feedbackRepeats) {}

    private Split split(RoundExamples round) {
        Random random = new Random(settings.fineTune().seed() + 2);
        List<Example> feedback = shuffled(round.trainFeedback().stream().map(round::toExample).toList(), random);
        List<Example> replay = shuffled(round.replay().stream().map(round::toExample).toList(), random);
        int feedbackDev = (int) Math.round(feedback.size() * settings.fineTune().devFraction());
        int replayDev = (int) Math.round(replay.size() * settings.fineTune().devFraction());
        List<Example> learn = feedback.subList(feedbackDev, feedback.size());
        int repeats = Math.max(1, Math.min(MAX_FEEDBACK_REPEATS,
                Math.round((replay.size() - replayDev) / (float) Math.max(1, learn.size()))));
        int knownTopics = round.topicLabels().size() - round.newTopics().size();
        List<Example> train = new ArrayList<>();
        for (Example example : learn) {
            boolean newTopic = example.task() == Task.TOPIC && example.label() >= knownTopics;
            train.addAll(Collections.nCopies(newTopic ? 1 : repeats, example));
        }
        train.addAll(replay.subList(replayDev, replay.size()));
        // Too little feedback to hold any back: judge epochs on what they learn from.
        List<Example> judged = feedbackDev > 0 ? feedback.subList(0, feedbackDev) : learn;
        return new Split(train, List.copyOf(judged), List.copyOf(replay.subList(0, replayDev)), repeats);
    }

    /** Per new topic, the encoder outputs of its training examples (those the fine-tune learns from). */
    private static List<List<float[][]>> newTopicExamples(RoundExamples round, Split split) {
        int knownTopics = round.topicLabels().size() - round.newTopics().size();
        List<List<float[][]>> examples = new ArrayList<>();
        for (int k = 0; k < round.newTopics().size(); k++) {
            int label = knownTopics + k;
            examples.add(split.train().stream().filter(e -> e.task() == Task.TOPIC && e.label() == label).distinct()
                    .map(e -> e.encoded().toFloats()).toList());
        }
        return examples;
    }

    private static List<Example> shuffled(List<Example> examples, Random random) {
        List<Example> copy = new ArrayList<>(examples);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static List<Gate.MappedSet> mapped(RoundExamples round, List<RegressionSet> regression) {
        List<Gate.MappedSet> sets = new ArrayList<>();
        for (RegressionSet set : regression) {
            sets.add(new Gate.MappedSet(set.name(), set.examples().stream().filter(e -> round.labelId(e) >= 0)
                    .map(round::toExample).toList()));
        }
        return sets;
    }
}
