package io.sentiflow.finetune;

import io.sentiflow.evaluation.TrainOverlap;
import io.sentiflow.evaluation.ValidReport;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Heads;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores labelled texts with an exported ONNX encoder file on ONNX Runtime, in batches of
 * {@code batchSize} padded to their longest text, and the heads in Java: the served model's
 * operations ({@code ServingParityTest} holds the two equal on the same batches). A job groups texts
 * by length instead, and int8 outputs shift slightly with padding, so its figures may differ in the
 * last digits.
 */
final class ServedEvaluation {

    private ServedEvaluation() {}

    /** Reports of both tasks (null where no texts) with {@code onnxFile} of {@code kind}. */
    static ValidReport[] evaluate(EncoderKind kind, Path onnxFile, TextNormalization normalization,
            HeadWeights weights, int batchSize, FineTuneData data) {
        EncoderFiles carrier = EncoderFiles.of(kind);
        Heads heads = new Heads(weights);
        try (TokenEncoder encoder = TokenEncoder.open(new EncoderFiles(kind, onnxFile, carrier.tokenizer()), 1,
                normalization)) {
            return new ValidReport[] {
                report(encoder, heads, data.sentimentValidTexts(), data.sentimentLabels(), Task.SENTIMENT, batchSize,
                        data.sentimentOverlap()),
                report(encoder, heads, data.topicValidTexts(), data.topicLabels(), Task.TOPIC, batchSize,
                        data.topicOverlap())};
        }
    }

    private static ValidReport report(TokenEncoder encoder, Heads heads, List<LabeledText> texts,
            List<String> labels, Task task, int batchSize, TrainOverlap overlap) {
        if (texts.isEmpty()) {
            return null;
        }
        int[] truth = new int[texts.size()];
        int[] predicted = new int[texts.size()];
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<LabeledText> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            List<float[][]> tokens = encoder.encode(batch.stream().map(LabeledText::text).toList());
            for (int i = 0; i < batch.size(); i++) {
                var prediction = heads.predict(tokens.get(i));
                truth[from + i] = batch.get(i).label();
                predicted[from + i] = task == Task.TOPIC ? prediction.topTopic() : prediction.topSentiment();
            }
        }
        return ValidReport.of(labels, texts.stream().map(LabeledText::text).toList(), truth, predicted, overlap);
    }
}
