package io.sentiflow.testing;

import io.sentiflow.learning.IncrementalLearner;
import io.sentiflow.learning.LabeledExample;
import io.sentiflow.learning.LabeledSets;
import io.sentiflow.learning.LearningOutcome;
import io.sentiflow.learning.LearningSettings;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.EmbeddingCache;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import io.sentiflow.training.TrainingRequest;
import io.sentiflow.training.TrainingResult;
import io.sentiflow.training.TrainingRun;
import io.sentiflow.training.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Small but real model versions for tests: the real encoder, {@value #EXAMPLES_PER_TASK} texts of
 * each task from the shared train splits (and as many from the valid splits for the manifest's
 * figures), {@value #EPOCHS} epochs, published into a store. On a warm encoder cache (directory
 * {@code sentiflow.embedding.cache}, default {@code target/embedding-cache} of the module under
 * test) a version takes a few seconds; the first run in a module encodes about 1,200 texts.
 *
 * <p>Different seeds give different weights, so two seeds make two versions for swap tests. The
 * data comes from {@code sentiflow.data.dir} (set by surefire and failsafe).
 */
public final class TinyModels {

    public static final int EXAMPLES_PER_TASK = 300;
    public static final int EPOCHS = 3;
    public static final String CACHE_PROPERTY = "sentiflow.embedding.cache";
    /**
     * The fixtures' encoder, not the product's int8 default: fp32 outputs do not shift with the
     * padding of the batch a text shares (int8 ones do, slightly), so tests that compare scores
     * across batchings or replay a learner's round stay exact, and every fixture shares one cache.
     */
    public static final EncoderKind ENCODER = EncoderKind.FP32;
    /** The fixtures' text normalization, the same in every fixture so their cached outputs match. */
    public static final TextNormalization NORMALIZATION = TextNormalization.NONE;
    public static final String NEW_TOPIC = "Crypto";
    public static final int NEW_TOPIC_EXAMPLES = 30;

    private TinyModels() {}

    /** Trains and publishes a small version into the store at {@code storeRoot}; returns its id. */
    public static String trainInto(Path storeRoot, long seed) {
        return train(storeRoot, seed).version();
    }

    /** Like {@link #trainInto} and promotes the new version. */
    public static String trainAndPromote(Path storeRoot, long seed) {
        String version = trainInto(storeRoot, seed);
        ModelStore.open(storeRoot.toString()).promote(version);
        return version;
    }

    /** Promotes {@code version} in the store at {@code storeRoot}. */
    public static void promote(Path storeRoot, String version) {
        ModelStore.open(storeRoot.toString()).promote(version);
    }

    /** The full result (figures on the sampled valid texts, timings) of a small training run. */
    public static TrainingResult train(Path storeRoot, long seed) {
        return train(storeRoot, seed, NORMALIZATION);
    }

    /** As {@link #train(Path, long)}, its texts normalized by {@code normalization}. */
    public static TrainingResult train(Path storeRoot, long seed, TextNormalization normalization) {
        TrainingSettings settings = TrainingSettings.defaults().withSeed(seed).withEpochs(EPOCHS, EPOCHS);
        TrainingRequest request = request()
                .withNormalization(normalization)
                .withSettings(settings)
                .withSample(EXAMPLES_PER_TASK)
                .withPromoteIfNone(false);
        try {
            return new TrainingRun(request, line -> { }).publishTo(ModelStore.open(storeRoot.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot train a tiny model into " + storeRoot, e);
        }
    }

    /**
     * A settled parent for the learner's tests: {@code examplesPerTask} texts a task, seed 11, at most
     * 12 epochs with early stopping (patience 3), valid files left out (the tests measure on their own
     * sets). A 300-text, 3-epoch version is so weak that any extra data improves it everywhere, which
     * would hide what the learner does. Published, not promoted; returns its id.
     */
    public static String trainSettledInto(Path storeRoot, int examplesPerTask) {
        TrainingSettings settings = TrainingSettings.defaults().withSeed(11L).withEpochs(12, 3);
        TrainingRequest request = request()
                .withSettings(settings)
                .withSample(examplesPerTask)
                .withoutValidSets()
                .withPromoteIfNone(false);
        try {
            return new TrainingRun(request, line -> { }).publishTo(ModelStore.open(storeRoot.toString())).version();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot train a settled parent into " + storeRoot, e);
        }
    }

    /**
     * A learnt version with a grown topic head: one {@link IncrementalLearner} round on {@code parent}
     * (an fp32 version of this class) whose feedback is {@value #NEW_TOPIC_EXAMPLES} crypto texts of the
     * topic train split labelled {@value #NEW_TOPIC}, a class the parent lacks, with a stratified replay
     * of both train splits and no regression sets. The parent cannot predict the class, so the round's
     * hold-out gain publishes it; returns its id.
     *
     * @throws IllegalStateException if the gate refused the round anyway (its reason is the message)
     */
    public static String learnNewTopicInto(Path storeRoot, String parent) {
        DataLocations data = DataLocations.fromSystemProperties();
        EmbeddingCache cache = EmbeddingCache.open(embeddingCache(), ENCODER, NORMALIZATION);
        Supplier<TokenEncoder> encoders = () -> TokenEncoder.open(ENCODER, 1, NORMALIZATION);
        try {
            List<String> topics = LabeledCsv.readLabelMap(data.topicLabels());
            List<String> crypto = LabeledCsv.read(data.topicTrain(), topics).stream().map(LabeledText::text)
                    .filter(CryptoTexts::matches).limit(NEW_TOPIC_EXAMPLES).toList();
            List<EncodedText> encoded = cache.encodeAll(crypto, encoders, false);
            List<LabeledExample> feedback = new ArrayList<>();
            for (int i = 0; i < crypto.size(); i++) {
                feedback.add(new LabeledExample("crypto:" + i, Task.TOPIC, NEW_TOPIC, encoded.get(i)));
            }
            List<LabeledExample> replay = new ArrayList<>(LabeledSets.replay(data.topicTrain(), Task.TOPIC, topics,
                    cache, encoders, 5, 1L));
            replay.addAll(LabeledSets.replay(data.sentimentTrain(), Task.SENTIMENT,
                    LabeledCsv.readLabelMap(data.sentimentLabels()), cache, encoders, 20, 2L));
            LearningOutcome outcome = new IncrementalLearner(ModelStore.open(storeRoot.toString()),
                    LearningSettings.defaults()).learn(parent, feedback, replay, List.of(), line -> { });
            if (outcome.status() != VersionStatus.PUBLISHED) {
                throw new IllegalStateException(outcome.gate().reason());
            }
            return outcome.version();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot learn a new topic into " + storeRoot, e);
        }
    }

    /**
     * Publishes, in well under a second, a version with random (untrained) head weights over the real
     * encoder: it loads and predicts like any version, for tests that need many versions (swaps) but
     * not meaningful predictions. Different seeds give different weights and ids.
     */
    public static String untrainedInto(Path storeRoot, long seed) {
        return ModelStore.open(storeRoot.toString()).publish(UntrainedVersions.manifest(seed),
                UntrainedVersions.files(seed));
    }

    /** The shared data, all defaults but the fixtures' encoder and normalization. */
    public static TrainingRequest request() {
        return TrainingRequest.defaults(DataLocations.fromSystemProperties(), embeddingCache())
                .withEncoder(ENCODER)
                .withNormalization(NORMALIZATION);
    }

    /** Where encoder outputs are cached across test runs. */
    public static Path embeddingCache() {
        return Path.of(System.getProperty(CACHE_PROPERTY, "target/embedding-cache")).toAbsolutePath();
    }
}
