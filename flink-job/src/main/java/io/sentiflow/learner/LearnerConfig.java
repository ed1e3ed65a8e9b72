package io.sentiflow.learner;

import io.sentiflow.learning.LearningSettings;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.Task;
import io.sentiflow.training.TrainingSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Validated settings of the learning operator; see {@link LearnerOptions} for the keys. Immutable;
 * paths are kept as strings so the record stays serializable with the operator.
 */
public record LearnerConfig(
        String storeUri,
        int triggerCount,
        Duration triggerInterval,
        int triggerMinimum,
        double holdoutFraction,
        double regressionMargin,
        double lineageMargin,
        double minHoldoutGain,
        int minNewTopicExamples,
        int replayPerClass,
        int fineTuneEpochs,
        double fineTuneLearningRate,
        int regressionMax,
        DataFiles data,
        String embeddingCache,
        int onnxThreads,
        long seed) implements Serializable {

    /** The CSVs the replay buffer and the regression sets come from. */
    public record DataFiles(String sentimentTrain, String topicTrain, String sentimentValid, String topicValid)
            implements Serializable {
        public DataFiles {
            Objects.requireNonNull(sentimentTrain, "sentimentTrain");
            Objects.requireNonNull(topicTrain, "topicTrain");
            Objects.requireNonNull(sentimentValid, "sentimentValid");
            Objects.requireNonNull(topicValid, "topicValid");
        }

        public Path train(Task task) {
            return Path.of(task == Task.TOPIC ? topicTrain : sentimentTrain);
        }

        public Path valid(Task task) {
            return Path.of(task == Task.TOPIC ? topicValid : sentimentValid);
        }
    }

    public LearnerConfig {
        Objects.requireNonNull(storeUri, "storeUri");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(embeddingCache, "embeddingCache");
        require(triggerCount >= 1, LearnerOptions.TRIGGER_COUNT, triggerCount, "must be at least 1");
        require(triggerInterval.toMillis() >= 1, LearnerOptions.TRIGGER_INTERVAL, triggerInterval, "must be positive");
        require(triggerMinimum >= 1 && triggerMinimum <= triggerCount, LearnerOptions.TRIGGER_MINIMUM, triggerMinimum,
                "must be between 1 and the trigger count " + triggerCount);
        require(holdoutFraction > 0 && holdoutFraction < 1, LearnerOptions.HOLDOUT_FRACTION, holdoutFraction,
                "must be between 0 and 1, exclusive");
        require(regressionMargin >= 0 && regressionMargin < 1, LearnerOptions.REGRESSION_MARGIN, regressionMargin,
                "must be in [0, 1)");
        require(lineageMargin >= regressionMargin && lineageMargin < 1, LearnerOptions.LINEAGE_MARGIN, lineageMargin,
                "must be at least the regression margin " + regressionMargin + " and below 1");
        require(minHoldoutGain >= 0 && minHoldoutGain < 1, LearnerOptions.MIN_HOLDOUT_GAIN, minHoldoutGain,
                "must be in [0, 1)");
        require(minNewTopicExamples >= 1, LearnerOptions.MIN_NEW_TOPIC_EXAMPLES, minNewTopicExamples,
                "must be at least 1");
        require(replayPerClass >= 0, LearnerOptions.REPLAY_PER_CLASS, replayPerClass, "must not be negative");
        require(fineTuneEpochs >= 0, LearnerOptions.FINE_TUNE_EPOCHS, fineTuneEpochs, "must not be negative");
        require(fineTuneLearningRate >= 0 && fineTuneLearningRate < 1, LearnerOptions.FINE_TUNE_LEARNING_RATE,
                fineTuneLearningRate, "must be in [0, 1)");
        require(regressionMax >= 0, LearnerOptions.REGRESSION_MAX, regressionMax, "must not be negative");
        require(onnxThreads >= 1, LearnerOptions.ONNX_THREADS, onnxThreads, "must be at least 1");
    }

    public static LearnerConfig fromConfiguration(ReadableConfig config) {
        DataLocations shared = DataLocations.fromSystemProperties();
        return new LearnerConfig(
                config.get(ScoringOptions.MODEL_STORE),
                config.get(LearnerOptions.TRIGGER_COUNT),
                config.get(LearnerOptions.TRIGGER_INTERVAL),
                config.get(LearnerOptions.TRIGGER_MINIMUM),
                config.get(LearnerOptions.HOLDOUT_FRACTION),
                config.get(LearnerOptions.REGRESSION_MARGIN),
                config.get(LearnerOptions.LINEAGE_MARGIN),
                config.get(LearnerOptions.MIN_HOLDOUT_GAIN),
                config.get(LearnerOptions.MIN_NEW_TOPIC_EXAMPLES),
                config.get(LearnerOptions.REPLAY_PER_CLASS),
                config.get(LearnerOptions.FINE_TUNE_EPOCHS),
                config.get(LearnerOptions.FINE_TUNE_LEARNING_RATE),
                config.get(LearnerOptions.REGRESSION_MAX),
                new DataFiles(
                        pathOr(config, LearnerOptions.SENTIMENT_TRAIN, shared.sentimentTrain()),
                        pathOr(config, LearnerOptions.TOPIC_TRAIN, shared.topicTrain()),
                        pathOr(config, LearnerOptions.SENTIMENT_VALID, shared.sentimentValid()),
                        pathOr(config, LearnerOptions.TOPIC_VALID, shared.topicValid())),
                config.get(LearnerOptions.EMBEDDING_CACHE),
                config.get(LearnerOptions.ONNX_THREADS),
                config.get(LearnerOptions.SEED));
    }

    /** The learning library's settings: its shipped fine-tune (epochs as configured) and this config's gate figures. */
    public LearningSettings learningSettings() {
        TrainingSettings fineTune = LearningSettings.defaults().fineTune();
        if (fineTuneEpochs > 0) {
            fineTune = fineTune.withEpochs(fineTuneEpochs, Math.min(fineTune.patience(), fineTuneEpochs));
        }
        if (fineTuneLearningRate > 0) {
            fineTune = fineTune.withLearningRate((float) fineTuneLearningRate);
        }
        return new LearningSettings(holdoutFraction, minNewTopicExamples, regressionMargin, lineageMargin,
                minHoldoutGain, replayPerClass, fineTune);
    }

    private static String pathOr(ReadableConfig config, ConfigOption<String> key, Path fallback) {
        return config.getOptional(key).orElseGet(() -> fallback.toString());
    }

    private static void require(boolean ok, ConfigOption<?> key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key.key() + " " + rule + ", was " + value);
        }
    }
}
