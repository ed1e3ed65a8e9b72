package io.sentiflow.learner;

import io.sentiflow.learning.IncrementalLearner;
import io.sentiflow.learning.LabeledExample;
import io.sentiflow.learning.LabeledSets;
import io.sentiflow.learning.RegressionSet;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.training.EmbeddingCache;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the learning operator opens once: the model store, the encoder that encodes each label on
 * arrival, the regression sets (valid splits, encoded through the on-disk embedding cache, not kept
 * in state) and the learner. Opened in {@code open()}, closed by the operator in {@code close()},
 * which closes the encoder. Not thread safe; task thread only.
 */
final class LearnerResources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LearnerResources.class);

    private final LearnerConfig config;
    private final ModelStore store;
    private final Manifest base;
    private final EncoderFiles served;
    private final TextNormalization normalization;
    private final TokenEncoder encoder;
    private final List<RegressionSet> regression;
    private final IncrementalLearner learner;

    private LearnerResources(LearnerConfig config, ModelStore store, Manifest base, EncoderFiles served,
            TokenEncoder encoder, List<RegressionSet> regression) {
        this.config = config;
        this.store = store;
        this.base = base;
        this.served = served;
        this.normalization = encoder.normalization();
        this.encoder = encoder;
        this.regression = regression;
        this.learner = new IncrementalLearner(store, config.learningSettings());
    }

    /**
     * Opens the encoder the store's promoted version is served with (its own fine-tuned file or the
     * pretrained one) and loads the regression sets.
     */
    static LearnerResources open(LearnerConfig config) throws IOException {
        ModelStore store = ModelStore.open(config.storeUri());
        String promoted = promoted(store);
        Manifest base = store.manifest(promoted);
        EncoderFiles served;
        try {
            served = store.servedEncoder(promoted);
        } catch (ModelRejectedException e) {
            throw new IllegalStateException("the promoted version " + promoted + " cannot be learnt from: "
                    + e.getMessage(), e);
        }
        // Labels are encoded as the version's own texts were, or its heads would read them differently.
        TextNormalization normalization = TextNormalization.ofManifest(base.encoder().textNormalization());
        TokenEncoder encoder = TokenEncoder.open(served, config.onnxThreads(), normalization);
        try {
            List<RegressionSet> regression = regressionSets(config, base, served, normalization);
            LOG.info("Learner ready on {}: regression sets {}", promoted,
                    regression.stream().map(s -> s.name() + "=" + s.examples().size()).toList());
            return new LearnerResources(config, store, base, served, encoder, regression);
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /**
     * Refuses a round's parent whose encoder or normalization is not the one every stored example was
     * encoded with (a version promoted by hand since the learner started): heads trained on those
     * outputs would not fit it. Its state keeps encoder outputs, not texts, so only a learner started
     * without that state (from no checkpoint) learns on such a version.
     */
    void requireSameEncoder(String parent) {
        Manifest manifest = store.manifest(parent);
        if (!servedSha256(manifest).equalsIgnoreCase(servedSha256(base))
                || TextNormalization.ofManifest(manifest.encoder().textNormalization()) != normalization) {
            throw new IllegalArgumentException("version " + parent + " is served with another encoder or text"
                    + " normalization than " + base.version() + ", whose encoder the learner's examples were encoded"
                    + " with; its labels wait: start the learner without its checkpoint to learn on " + parent);
        }
    }

    ModelStore store() {
        return store;
    }

    String promotedVersion() {
        return promoted(store);
    }

    IncrementalLearner learner() {
        return learner;
    }

    List<RegressionSet> regression() {
        return regression;
    }

    /** The encoder's output for one label's text. */
    EncodedText encode(String text) {
        return EncodedText.of(encoder.encode(List.of(text)).get(0));
    }

    /**
     * The initial replay buffer: a seeded random sample of each training CSV, {@code replay-per-class}
     * times the task's classes, encoded. Random rather than equal per class, so the sample keeps the
     * data's class mix: in the learner's integration test an equal-per-class sample shifted the
     * sentiment head's prior towards the rare classes and cost about ten points on the valid split.
     */
    List<LabeledExample> initialReplay() throws IOException {
        List<LabeledExample> replay = new ArrayList<>();
        EmbeddingCache cache = cache(config, base, served, normalization);
        for (Task task : Task.values()) {
            int size = replayBudget(task);
            if (size > 0) {
                replay.addAll(LabeledSets.encode(config.data().train(task), task, labels(base, task), cache,
                        encoders(config, served, normalization), size, config.seed()));
            }
        }
        return replay;
    }

    /** Most replay examples of {@code task}: {@code replay-per-class} times its classes in the promoted version. */
    int replayBudget(Task task) {
        return config.replayPerClass() * labels(base, task).size();
    }

    private static List<RegressionSet> regressionSets(LearnerConfig config, Manifest base, EncoderFiles served,
            TextNormalization normalization) throws IOException {
        EmbeddingCache cache = cache(config, base, served, normalization);
        List<RegressionSet> sets = new ArrayList<>();
        for (Task task : Task.values()) {
            sets.add(LabeledSets.regressionSet(task.cliName() + "-valid", config.data().valid(task), task,
                    labels(base, task), cache, encoders(config, served, normalization), config.regressionMax(),
                    config.seed()));
        }
        return List.copyOf(sets);
    }

    /** The on-disk cache of the served encoder file: a fine-tuned version's outputs are not the pretrained ones. */
    private static EmbeddingCache cache(LearnerConfig config, Manifest base, EncoderFiles served,
            TextNormalization normalization) {
        return EmbeddingCache.open(Path.of(config.embeddingCache()), served.kind(), servedSha256(base), normalization);
    }

    private static String servedSha256(Manifest manifest) {
        EncoderKind kind = EncoderKind.fromName(manifest.encoder().kind()).orElseThrow(() -> new IllegalStateException(
                "version " + manifest.version() + " names an unknown encoder kind " + manifest.encoder().kind()));
        return EncoderFiles.modelSha256(kind, manifest.files());
    }

    private static Supplier<TokenEncoder> encoders(LearnerConfig config, EncoderFiles served,
            TextNormalization normalization) {
        return () -> TokenEncoder.open(served, config.onnxThreads(), normalization);
    }

    private static List<String> labels(Manifest manifest, Task task) {
        return task == Task.TOPIC ? manifest.topicLabels() : manifest.sentimentLabels();
    }

    private static String promoted(ModelStore store) {
        return store.promotedVersion().orElseThrow(() -> new IllegalStateException(
                "model store " + store.root() + " has no promoted version: train one (sentiflow train)"));
    }

    @Override
    public void close() {
        encoder.close();
    }
}
