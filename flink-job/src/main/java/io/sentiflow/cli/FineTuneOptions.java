package io.sentiflow.cli;

import io.sentiflow.finetune.FineTuneSettings;
import picocli.CommandLine.Option;

/**
 * The fine-tuning flags of {@code train}, each overriding one of {@link FineTuneSettings#defaults()};
 * an absent flag keeps the default, so the defaults live in one place. Validation is the settings'.
 */
public final class FineTuneOptions {

    @Option(names = "--epochs", paramLabel = "N", description = "Fine-tuning epochs at most (default: the settings').")
    private Integer epochs;

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop after N dev evaluations without a better one (default: the settings').")
    private Integer patience;

    @Option(names = "--encoder-learning-rate", paramLabel = "RATE",
            description = "Peak learning rate of the encoder's top layer (default: the settings'; the heads keep"
                    + " theirs).")
    private Float encoderLearningRate;

    @Option(names = "--layer-decay", paramLabel = "F",
            description = "Each lower layer trains at F times the rate of the one above it; 1 for one rate (default:"
                    + " the settings').")
    private Float layerDecay;

    @Option(names = "--trainable-layers", paramLabel = "N",
            description = "Fine-tune the top N of the encoder's 6 layers; the outputs of the others are computed once"
                    + " per text and cached; 6 also trains the embeddings (default: the settings').")
    private Integer trainableLayers;

    @Option(names = "--sentiment-weight-power", paramLabel = "P",
            description = "Sentiment class weights (n / (k n_c))^P: 0 none, 1 balanced (default: the settings').")
    private Float sentimentWeightPower;

    @Option(names = "--sentiment-loss-weight", paramLabel = "W",
            description = "The sentiment loss counts W times the topic loss (default: the settings').")
    private Float sentimentLossWeight;

    @Option(names = "--torch-threads", paramLabel = "N", defaultValue = "1",
            description = "PyTorch intra-op threads while fine-tuning (default: ${DEFAULT-VALUE}; two were 4x slower on"
                    + " two busy cores).")
    private int torchThreads = 1;

    /** The defaults with every given flag applied, and {@code seed} when not null. */
    FineTuneSettings settings(Long seed) {
        FineTuneSettings settings = FineTuneSettings.defaults().withThreads(torchThreads);
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if (epochs != null || patience != null) {
            settings = settings.withEpochs(epochs != null ? epochs : settings.heads().maxEpochs(),
                    patience != null ? patience : settings.heads().patience());
        }
        if (encoderLearningRate != null) {
            settings = settings.withEncoderLearningRate(encoderLearningRate);
        }
        if (layerDecay != null) {
            settings = settings.withLayerDecay(layerDecay);
        }
        if (trainableLayers != null) {
            settings = settings.withTrainableLayers(trainableLayers);
        }
        if (sentimentWeightPower != null) {
            settings = settings.withHeads(settings.heads().withSentimentWeightPower(sentimentWeightPower));
        }
        if (sentimentLossWeight != null) {
            settings = settings.withSentimentLossWeight(sentimentLossWeight);
        }
        return settings;
    }
}
