package io.sentiflow.it.support;

import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.training.TrainingRequest;
import io.sentiflow.training.TrainingRun;
import io.sentiflow.training.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A small real model strong enough to read a bearish burst (the demo's spike, a replayed burst) as
 * bearish: TinyModels' 300 texts and 3 epochs leave the sentiment head close to uniform (every
 * spike headline came out Neutral), so this trains on {@value #EXAMPLES_PER_TASK} texts of each task for {@value #EPOCHS} epochs, with
 * the shipped settings and a fixed seed, through the encoder cache TinyModels uses. No valid-split
 * figures: they are not needed and would only add texts to encode. The fixtures' fp32 encoder
 * ({@link TinyModels#ENCODER}): a replay compared with another of the same texts in other batches
 * must score every text the same.
 */
public final class ReadingModel {

    public static final int EXAMPLES_PER_TASK = 2_000;
    public static final int EPOCHS = 8;

    private ReadingModel() {}

    /** Trains, publishes and promotes the version into the store at {@code root}; returns its id. */
    public static String trainAndPromote(Path root) {
        TrainingSettings settings = TrainingSettings.defaults().withSeed(7L).withEpochs(EPOCHS, EPOCHS);
        TrainingRequest request = TinyModels.request()
                .withSettings(settings)
                .withSample(EXAMPLES_PER_TASK)
                .withoutValidSets();
        try {
            return new TrainingRun(request, line -> { }).publishTo(ModelStore.open(root.toString())).version();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot train the reading test model into " + root, e);
        }
    }
}
