package io.sentiflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyFineTunes;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.EmbeddingCache;
import io.sentiflow.training.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learning round on a fine-tuned parent (a real TinyFineTunes version), on examples encoded with
 * the parent's own encoder: the child carries that encoder, so it is served with what its heads
 * learnt on, whether the gate passes it or not.
 */
class FineTunedParentTest {

    @TempDir Path root;
    @TempDir Path work;
    @TempDir Path cacheDir;

    @Test
    void theChildOfAFineTunedParentCarriesTheParentsEncoderFiles() throws Exception {
        ModelStore store = ModelStore.open(root.toString());
        String parent = TinyFineTunes.publishTo(store, work).result().version();
        Manifest parentManifest = store.manifest(parent);
        EncoderFiles served = store.servedEncoder(parent);
        TextNormalization normalization = TextNormalization.ofManifest(parentManifest.encoder().textNormalization());
        EmbeddingCache cache = EmbeddingCache.open(cacheDir, served.kind(),
                EncoderFiles.modelSha256(served.kind(), parentManifest.files()), normalization);
        Supplier<TokenEncoder> encoders = () -> TokenEncoder.open(served, 2, normalization);
        DataLocations data = DataLocations.fromSystemProperties();
        List<String> sentiment = parentManifest.sentimentLabels();
        List<LabeledExample> feedback =
                LabeledSets.encode(data.sentimentValid(), Task.SENTIMENT, sentiment, cache, encoders, 60, 5L);
        List<LabeledExample> replay = new ArrayList<>(
                LabeledSets.encode(data.sentimentTrain(), Task.SENTIMENT, sentiment, cache, encoders, 60, 6L));
        replay.addAll(LabeledSets.encode(data.topicTrain(), Task.TOPIC, parentManifest.topicLabels(), cache, encoders,
                60, 7L));
        List<RegressionSet> sets = List.of(LabeledSets.regressionSet("sentiment.valid", data.sentimentValid(),
                Task.SENTIMENT, sentiment, cache, encoders, 60, 8L));

        LearningOutcome outcome = new IncrementalLearner(store, LearningSettings.defaults())
                .learn(parent, feedback, replay, sets, line -> { });

        Map<String, String> childFiles = store.manifest(outcome.version()).files();
        for (EncoderKind kind : EncoderKind.values()) {
            String name = kind.versionFileName();
            assertThat(parentManifest.files()).as("the fine-tuned parent lists %s", name).containsKey(name);
            assertThat(childFiles).as("the child's files").containsEntry(name, parentManifest.files().get(name));
        }
    }
}
