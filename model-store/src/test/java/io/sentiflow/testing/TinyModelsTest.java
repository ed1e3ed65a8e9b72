package io.sentiflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyModelsTest {

    @TempDir
    Path store;

    @Test
    void smallTrainingRunPublishesAVersionThatLoadsAndPredicts() throws Exception {
        String version = TinyModels.trainInto(store, 7L);
        ModelStore models = ModelStore.open(store.toString());

        assertThat(models.list()).extracting(v -> v.version()).containsExactly(version);
        assertThat(models.manifest(version).metrics()).containsKeys("sentiment.valid.accuracy",
                "sentiment.valid.dedup.accuracy", "topic.valid.dedup.macroF1", "topic.valid.dedup.texts");
        try (ScoringModel model = models.load(version, null, models.manifestSha256(version))) {
            List<TextPrediction> predictions = model.predict(List.of(
                    "$AAPL shares plunge after Apple cuts its revenue forecast",
                    "Fed raises interest rates by 75 basis points",
                    ""));

            assertThat(model.version()).isEqualTo(version);
            assertThat(model.topicLabels()).hasSize(20);
            assertThat(model.sentimentLabels()).containsExactly("Bearish", "Bullish", "Neutral");
            assertThat(predictions).hasSize(3);
            for (TextPrediction prediction : predictions) {
                assertThat(sum(prediction.topicProbabilities())).isCloseTo(1.0, within(1e-4));
                assertThat(sum(prediction.sentimentProbabilities())).isCloseTo(1.0, within(1e-4));
            }
        }
    }

    @Test
    void theSameSeedTrainsTheSameWeightsAndAnotherSeedDifferentOnes(@TempDir Path other) {
        String first = TinyModels.trainInto(store, 7L);
        String again = TinyModels.trainInto(other, 7L);
        String different = TinyModels.trainInto(other, 8L);

        assertThat(weightsSha(store, first)).isEqualTo(weightsSha(other, again));
        assertThat(weightsSha(other, different)).isNotEqualTo(weightsSha(other, again));
        assertThat(different).isNotEqualTo(again);
    }

    private static String weightsSha(Path root, String version) {
        return ModelStore.open(root.toString()).manifest(version).files().get(Manifest.WEIGHTS_FILE);
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
