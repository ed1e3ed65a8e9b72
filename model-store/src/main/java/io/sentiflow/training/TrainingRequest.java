package io.sentiflow.training;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import java.nio.file.Path;

/**
 * What to train: the data files (valid files may be null to skip evaluation), the label maps, the
 * encoder and the text normalization, where encoder outputs are cached, and the settings.
 *
 * @param maxPerTask use at most this many examples of each train and valid file (a seeded random
 *     sample), 0 for all; lets tests train a small real model quickly
 * @param promoteIfNone promote the new version when the store has no promoted version
 */
public record TrainingRequest(Path sentimentTrain, Path topicTrain, Path sentimentValid, Path topicValid,
        Path sentimentLabels, Path topicLabels, EncoderKind encoder, TextNormalization normalization,
        Path embeddingCache, TrainingSettings settings, int maxPerTask, int intraOpThreads, boolean showProgress,
        boolean promoteIfNone) {

    /** What new versions are trained with unless asked otherwise. */
    public static final EncoderKind DEFAULT_ENCODER = EncoderKind.INT8;
    public static final TextNormalization DEFAULT_NORMALIZATION = TextNormalization.URLS;

    /** The default data files under {@code data}, all records, the default encoder and normalization. */
    public static TrainingRequest defaults(DataLocations data, Path embeddingCache) {
        return new TrainingRequest(data.sentimentTrain(), data.topicTrain(), data.sentimentValid(), data.topicValid(),
                data.sentimentLabels(), data.topicLabels(), DEFAULT_ENCODER, DEFAULT_NORMALIZATION, embeddingCache,
                TrainingSettings.defaults(), 0, 2, false, true);
    }

    public TrainingRequest withNormalization(TextNormalization newNormalization) {
        return new TrainingRequest(sentimentTrain, topicTrain, sentimentValid, topicValid, sentimentLabels,
                topicLabels, encoder, newNormalization, embeddingCache, settings, maxPerTask, intraOpThreads,
                showProgress, promoteIfNone);
    }

    public TrainingRequest withData(Path newSentimentTrain, Path newTopicTrain) {
        return new TrainingRequest(newSentimentTrain, newTopicTrain, sentimentValid, topicValid, sentimentLabels,
                topicLabels, encoder, normalization, embeddingCache, settings, maxPerTask, intraOpThreads, showProgress, promoteIfNone);
    }

    public TrainingRequest withEncoder(EncoderKind newEncoder) {
        return new TrainingRequest(sentimentTrain, topicTrain, sentimentValid, topicValid, sentimentLabels,
                topicLabels, newEncoder, normalization, embeddingCache, settings, maxPerTask, intraOpThreads, showProgress, promoteIfNone);
    }

    public TrainingRequest withSettings(TrainingSettings newSettings) {
        return new TrainingRequest(sentimentTrain, topicTrain, sentimentValid, topicValid, sentimentLabels,
                topicLabels, encoder, normalization, embeddingCache, newSettings, maxPerTask, intraOpThreads, showProgress, promoteIfNone);
    }

    public TrainingRequest withSample(int newMaxPerTask) {
        return new TrainingRequest(sentimentTrain, topicTrain, sentimentValid, topicValid, sentimentLabels,
                topicLabels, encoder, normalization, embeddingCache, settings, newMaxPerTask, intraOpThreads, showProgress, promoteIfNone);
    }

    /** No valid files: the version's manifest gets no valid figures (for callers that measure on their own). */
    public TrainingRequest withoutValidSets() {
        return new TrainingRequest(sentimentTrain, topicTrain, null, null, sentimentLabels, topicLabels, encoder,
                normalization, embeddingCache, settings, maxPerTask, intraOpThreads, showProgress, promoteIfNone);
    }

    public TrainingRequest withPromoteIfNone(boolean promote) {
        return new TrainingRequest(sentimentTrain, topicTrain, sentimentValid, topicValid, sentimentLabels,
                topicLabels, encoder, normalization, embeddingCache, settings, maxPerTask, intraOpThreads, showProgress, promote);
    }

    public TrainingRequest withProgress(boolean visible) {
        return new TrainingRequest(sentimentTrain, topicTrain, sentimentValid, topicValid, sentimentLabels,
                topicLabels, encoder, normalization, embeddingCache, settings, maxPerTask, intraOpThreads, visible, promoteIfNone);
    }
}
