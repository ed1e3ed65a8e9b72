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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores labelled texts with an exported ONNX encoder file on ONNX Runtime, in batches of
 * {@code batchSize} texts of similar length (as a job's sub-batches group them; docs/STACK.md measured
 * such batches 1.5 times as fast as unsorted ones) padded to their longest text, and the heads in Java: the
 * served model's operations ({@code ServingParityTest} holds the two equal on the same batches). Int8
 * outputs shift slightly with padding, so a job's figures may differ in the last digits.
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
        int[] truth = texts.stream().mapToInt(LabeledText::label).toArray();
        int[] predicted = new int[texts.size()];
        int[] order = IntStream.range(0, texts.size()).boxed()
                .sorted(Comparator.comparingInt(i -> texts.get(i).text().length())).mapToInt(Integer::intValue)
                .toArray();
        for (int from = 0; from < order.length; from += batchSize) {
            int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
            List<float[][]> tokens = encoder.encode(Arrays.stream(batch).mapToObj(i -> texts.get(i).text()).toList());
            for (int i = 0; i < batch.length; i++) {
                var prediction = heads.predict(tokens.get(i));
                predicted[batch[i]] = task == Task.TOPIC ? prediction.topTopic() : prediction.topSentiment();
            }
        }
        return ValidReport.of(labels, texts.stream().map(LabeledText::text).toList(), truth, predicted, overlap);
    }
}
