package io.sentiflow.testing;

import io.sentiflow.finetune.FineTuneRequest;
import io.sentiflow.finetune.FineTuneResult;
import io.sentiflow.finetune.FineTuneRun;
import io.sentiflow.finetune.FineTuneSettings;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.store.ModelStore;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A real encoder fine-tuning run small enough for a test (seconds): one epoch over a sample of the
 * train splits with the top encoder layer trainable, judged on every n-th valid text. The version it
 * publishes carries its own exported encoders ({@code encoder-fp32.onnx}, {@code encoder-int8.onnx}).
 */
public final class TinyFineTunes {

    /** The valid texts the run was judged on, by task. */
    public record Run(FineTuneResult result, List<LabeledText> sentimentValid, List<LabeledText> topicValid) {}

    private TinyFineTunes() {}

    /** Fine-tunes into {@code store} (promoted only if it has no promoted version); {@code work} holds the valid samples. */
    public static Run publishTo(ModelStore store, Path work) {
        DataLocations data = DataLocations.fromSystemProperties();
        try {
            List<LabeledText> sentimentValid = everyNth(data.sentimentValid(), data.sentimentLabels(), 200);
            List<LabeledText> topicValid = everyNth(data.topicValid(), data.topicLabels(), 350);
            TrainingSettings heads = new TrainingSettings(3, 16, 32, 8, 1, 1, 1e-3f, 1e-4f, 0.1f, 0.5f, 0.2, 32);
            FineTuneRequest request = new FineTuneRequest(data.sentimentTrain(), data.topicTrain(),
                    write(sentimentValid, work.resolve("sentiment-valid-sample.csv")),
                    write(topicValid, work.resolve("topic-valid-sample.csv")), data.sentimentLabels(),
                    data.topicLabels(), EncoderKind.FP32, TextNormalization.URLS,
                    new FineTuneSettings(heads, 1e-4f, 1f, 0.1f, 1, 1f, 1, 1), null, 16, null, false, true);
            return new Run(new FineTuneRun(request, line -> { }).publishTo(store), sentimentValid, topicValid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fine-tune a test version into " + store.root(), e);
        }
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

    private static Path write(List<LabeledText> texts, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer writer = Files.newBufferedWriter(file);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("text", "label").build())) {
            for (LabeledText text : texts) {
                csv.printRecord(text.text(), text.label());
            }
        }
        return file;
    }
}
