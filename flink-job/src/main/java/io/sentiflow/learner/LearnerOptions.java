package io.sentiflow.learner;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Configuration keys of the learning operator, {@code sentiflow.learner.*}: when a round runs, how
 * its candidate is gated, and where the replay and regression data come from. Read them with
 * {@link LearnerConfig#fromConfiguration}; the model store is {@code sentiflow.model.store}, shared
 * with the scoring job.
 */
public final class LearnerOptions {

    public static final ConfigOption<Integer> TRIGGER_COUNT = ConfigOptions.key("sentiflow.learner.trigger-count")
            .intType().defaultValue(200)
            .withDescription("A round runs as soon as this many new labels are waiting.");

    public static final ConfigOption<Duration> TRIGGER_INTERVAL =
            ConfigOptions.key("sentiflow.learner.trigger-interval")
                    .durationType().defaultValue(Duration.ofMinutes(10))
                    .withDescription("A round also runs this long (processing time) after the first waiting label,"
                            + " if at least sentiflow.learner.trigger-minimum labels are waiting then.");

    public static final ConfigOption<Integer> TRIGGER_MINIMUM = ConfigOptions.key("sentiflow.learner.trigger-minimum")
            .intType().defaultValue(20)
            .withDescription("Fewest waiting labels for a round on the interval; fewer wait another interval.");

    public static final ConfigOption<Double> HOLDOUT_FRACTION = ConfigOptions.key("sentiflow.learner.holdout-fraction")
            .doubleType().defaultValue(0.2)
            .withDescription("Share of the feedback (by a stable hash of the label id) never trained on; the gate"
                    + " compares the candidate with the current version on it.");

    public static final ConfigOption<Double> REGRESSION_MARGIN =
            ConfigOptions.key("sentiflow.learner.regression-margin")
                    .doubleType().defaultValue(0.01)
                    .withDescription("Accuracy (0.01 = one point) the candidate may lose on each regression set.");

    public static final ConfigOption<Double> LINEAGE_MARGIN = ConfigOptions.key("sentiflow.learner.lineage-margin")
            .doubleType().defaultValue(0.02)
            .withDescription("Accuracy a chain of learnt versions may lose in all on each regression set, against"
                    + " the version its first round started from (at least the regression margin).");

    public static final ConfigOption<Double> MIN_HOLDOUT_GAIN = ConfigOptions.key("sentiflow.learner.min-holdout-gain")
            .doubleType().defaultValue(0.0)
            .withDescription("The candidate's hold-out accuracy must beat the current version's by more than this.");

    public static final ConfigOption<Integer> MIN_NEW_TOPIC_EXAMPLES =
            ConfigOptions.key("sentiflow.learner.min-new-topic-examples")
                    .intType().defaultValue(20)
                    .withDescription("Examples an unknown topic name needs before it becomes a new topic class.");

    public static final ConfigOption<Integer> REPLAY_PER_CLASS = ConfigOptions.key("sentiflow.learner.replay-per-class")
            .intType().defaultValue(100)
            .withDescription("Replay buffer size of each task, per class of the task: a random sample of the"
                    + " training CSV (the data's own class mix), taken once; published feedback then replaces"
                    + " the oldest examples of its task.");

    public static final ConfigOption<Integer> FINE_TUNE_EPOCHS = ConfigOptions.key("sentiflow.learner.fine-tune-epochs")
            .intType().defaultValue(0)
            .withDescription("Most epochs of a round's warm-started fine-tune; 0 keeps the learning library's"
                    + " default (LearningSettings.defaults()).");

    public static final ConfigOption<Double> FINE_TUNE_LEARNING_RATE =
            ConfigOptions.key("sentiflow.learner.fine-tune-learning-rate")
                    .doubleType().defaultValue(0.0)
                    .withDescription("Learning rate of a round's warm-started fine-tune; 0 keeps the learning library's"
                            + " default (5e-4). Lower moves less from the promoted version: fewer regressions, smaller"
                            + " gains.");

    public static final ConfigOption<Integer> REGRESSION_MAX = ConfigOptions.key("sentiflow.learner.regression-max")
            .intType().defaultValue(0)
            .withDescription("Most examples per regression set (a seeded sample); 0 uses the whole valid split.");

    public static final ConfigOption<String> SENTIMENT_TRAIN = path("sentiment-train",
            "Sentiment training CSV the replay buffer is sampled from (default: the shared data's).");
    public static final ConfigOption<String> TOPIC_TRAIN = path("topic-train",
            "Topic training CSV the replay buffer is sampled from (default: the shared data's).");
    public static final ConfigOption<String> SENTIMENT_VALID = path("sentiment-valid",
            "Sentiment regression set CSV (default: the shared data's valid split).");
    public static final ConfigOption<String> TOPIC_VALID = path("topic-valid",
            "Topic regression set CSV (default: the shared data's valid split).");

    public static final ConfigOption<String> EMBEDDING_CACHE = ConfigOptions.key("sentiflow.learner.embedding-cache")
            .stringType().defaultValue("var/embedding-cache")
            .withDescription("Directory of the on-disk encoder output cache for replay and regression texts.");

    public static final ConfigOption<Integer> ONNX_THREADS = ConfigOptions.key("sentiflow.learner.onnx-threads")
            .intType().defaultValue(1)
            .withDescription("ONNX Runtime threads of the learner's encoder (it encodes each label once).");

    public static final ConfigOption<Long> SEED = ConfigOptions.key("sentiflow.learner.seed")
            .longType().defaultValue(42L)
            .withDescription("Seed of the replay and regression samples.");

    private LearnerOptions() {}

    private static ConfigOption<String> path(String name, String description) {
        return ConfigOptions.key("sentiflow.learner." + name).stringType().noDefaultValue().withDescription(description);
    }
}
