package io.sentiflow.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyFineTunes;
import io.sentiflow.training.LabeledText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny fine-tuning run publishes a version that the store serves with its own exported encoder. */
class FineTuneRunTest {

    @TempDir Path dir;

    @Test
    void publishesAVersionServedWithItsExportedEncoderThatScoresTheValidTextsAsTheTrainerDid() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("store").toString());

        TinyFineTunes.Run run = TinyFineTunes.publishTo(store, dir);
        FineTuneResult result = run.result();
        List<LabeledText> sentimentValid = run.sentimentValid();
        List<LabeledText> topicValid = run.topicValid();

        Manifest manifest = store.manifest(result.version());
        assertThat(manifest.files()).containsKeys(Manifest.WEIGHTS_FILE, EncoderKind.FP32.versionFileName(),
                EncoderKind.INT8.versionFileName());
        assertThat(manifest.hyperParameters()).containsEntry("fineTune", true);
        assertThat(manifest.metrics()).containsKeys("sentiment.valid.accuracy", "fp32.topic.valid.accuracy",
                "int8.sentiment.valid.accuracy", "int8.topic.valid.macroF1", "sentiment.valid.dedup.accuracy",
                "fp32.topic.valid.dedup.macroF1", "int8.topic.valid.dedup.texts");
        assertThat(manifest.metrics().get("int8.topic.valid.accuracy"))
                .isEqualTo(result.topicValidInt8().all().accuracy());
        assertThat(manifest.metrics().get("int8.topic.valid.dedup.accuracy"))
                .isEqualTo(result.topicValidInt8().deduplicated().accuracy());
        assertThat(result.promoted()).isTrue();
        try (ScoringModel served = store.load(result.version(), store.versionUri(result.version()),
                store.manifestSha256(result.version()), 1)) {
            List<TextPrediction> sentiment = served.predict(sentimentValid.stream().map(LabeledText::text).toList());
            List<TextPrediction> topic = served.predict(topicValid.stream().map(LabeledText::text).toList());
            assertThat(accuracy(sentiment, sentimentValid, false)).isEqualTo(result.sentimentValid().all().accuracy());
            assertThat(accuracy(topic, topicValid, true)).isEqualTo(result.topicValid().all().accuracy());
        }
    }

    private static double accuracy(List<TextPrediction> predictions, List<LabeledText> truth, boolean topic) {
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            int predicted = topic ? predictions.get(i).topTopic() : predictions.get(i).topSentiment();
            correct += predicted == truth.get(i).label() ? 1 : 0;
        }
        return correct / (double) truth.size();
    }
}
