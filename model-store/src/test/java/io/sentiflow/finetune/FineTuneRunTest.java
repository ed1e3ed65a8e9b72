package io.sentiflow.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.TrainingSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny fine-tuning run publishes a version that the store serves with its own exported encoder. */
class FineTuneRunTest {

    @TempDir Path dir;

    @Test
    void publishesAVersionServedWithItsExportedEncoderThatScoresTheValidTextsAsTheTrainerDid() throws Exception {
        DataLocations data = DataLocations.fromSystemProperties();
        List<LabeledText> sentimentValid = everyNth(data.sentimentValid(), data.sentimentLabels(), 200);
        List<LabeledText> topicValid = everyNth(data.topicValid(), data.topicLabels(), 350);
        TrainingSettings heads = new TrainingSettings(3, 16, 32, 8, 1, 1, 1e-3f, 1e-4f, 0.1f, 0.5f, 0.2, 32);
        FineTuneRequest request = new FineTuneRequest(data.sentimentTrain(), data.topicTrain(),
                write(sentimentValid, "sentiment.csv"), write(topicValid, "topic.csv"), data.sentimentLabels(),
                data.topicLabels(), EncoderKind.FP32, new FineTuneSettings(heads, 1e-4f, 0.1f, 1, 1, 1), null, 16,
                false, true);
        ModelStore store = ModelStore.open(dir.resolve("store").toString());

        FineTuneResult result = new FineTuneRun(request, line -> { }).publishTo(store);

        Manifest manifest = store.manifest(result.version());
        assertThat(manifest.files()).containsKeys(Manifest.WEIGHTS_FILE, EncoderKind.FP32.versionFileName(),
                EncoderKind.INT8.versionFileName());
        assertThat(manifest.hyperParameters()).containsEntry("fineTune", true);
        assertThat(manifest.metrics()).containsKeys("sentiment.valid.accuracy", "fp32.topic.valid.accuracy",
                "int8.sentiment.valid.accuracy", "int8.topic.valid.macroF1");
        assertThat(manifest.metrics().get("int8.topic.valid.accuracy")).isEqualTo(result.topicValidInt8().accuracy());
        assertThat(result.promoted()).isTrue();
        try (ScoringModel served = store.load(result.version(), store.versionUri(result.version()),
                store.manifestSha256(result.version()), 1)) {
            List<TextPrediction> sentiment = served.predict(sentimentValid.stream().map(LabeledText::text).toList());
            List<TextPrediction> topic = served.predict(topicValid.stream().map(LabeledText::text).toList());
            assertThat(accuracy(sentiment, sentimentValid, false)).isEqualTo(result.sentimentValid().accuracy());
            assertThat(accuracy(topic, topicValid, true)).isEqualTo(result.topicValid().accuracy());
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

    /** Every n-th valid text: all classes, fewer than the run's sample size, so the run uses each. */
    private static List<LabeledText> everyNth(Path file, Path labels, int n) throws IOException {
        List<LabeledText> all = LabeledCsv.read(file, LabeledCsv.readLabelMap(labels));
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += n) {
            out.add(all.get(i));
        }
        return out;
    }

    private Path write(List<LabeledText> texts, String name) throws IOException {
        Path file = dir.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("text", "label").build())) {
            for (LabeledText text : texts) {
                csv.printRecord(text.text(), text.label());
            }
        }
        return file;
    }
}
