package io.sentiflow.finetune;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.training.TrainingRequest;
import java.nio.file.Path;

/**
 * What to fine-tune on: the data files and label maps (valid files may be null to skip evaluation),
 * the text normalization, the encoder kind the version is served with (both exported files are published either way), the
 * settings, and the version whose heads start the run (null: fresh heads).
 *
 * @param maxPerTask use at most this many examples of each train and valid file (a seeded sample), 0 for all
 * @param layerCache where the frozen layers' outputs are kept between runs ({@link FrozenLayerCache});
 *     null keeps them in memory for this run only
 */
public record FineTuneRequest(Path sentimentTrain, Path topicTrain, Path sentimentValid, Path topicValid,
        Path sentimentLabels, Path topicLabels, EncoderKind servedEncoder, TextNormalization normalization,
        FineTuneSettings settings, String startVersion, int maxPerTask, Path layerCache, boolean showProgress,
        boolean promoteIfNone) {

    /**
     * The data files, encoder, sample size and flags of a frozen-training request, with fine-tuning
     * settings; the frozen layers' outputs are cached beside its encoder outputs.
     */
    public static FineTuneRequest of(TrainingRequest data, FineTuneSettings settings, String startVersion) {
        return new FineTuneRequest(data.sentimentTrain(), data.topicTrain(), data.sentimentValid(), data.topicValid(),
                data.sentimentLabels(), data.topicLabels(), data.encoder(), data.normalization(), settings,
                startVersion, data.maxPerTask(), data.embeddingCache(), data.showProgress(), data.promoteIfNone());
    }
}
