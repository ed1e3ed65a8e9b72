package io.sentiflow.evaluation;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import java.util.List;

/**
 * Scores a labelled set with a model and reports one head's figures, with and without the texts of
 * the train split.
 */
public final class Evaluator {

    private static final int BATCH = 64;

    private Evaluator() {}

    /** The figures on {@code examples} and, beside them, on those {@code train} does not hold. */
    public static ValidReport evaluate(ScoringModel model, Task task, List<LabeledText> examples,
            TrainOverlap train) {
        return ValidReport.of(labels(model, task), examples.stream().map(LabeledText::text).toList(),
                truth(examples), predict(model, task, examples), train);
    }

    private static int[] predict(ScoringModel model, Task task, List<LabeledText> examples) {
        int[] predicted = new int[examples.size()];
        for (int from = 0; from < examples.size(); from += BATCH) {
            List<LabeledText> chunk = examples.subList(from, Math.min(examples.size(), from + BATCH));
            List<TextPrediction> predictions = model.predict(chunk.stream().map(LabeledText::text).toList());
            for (int i = 0; i < chunk.size(); i++) {
                TextPrediction prediction = predictions.get(i);
                predicted[from + i] = task == Task.TOPIC ? prediction.topTopic() : prediction.topSentiment();
            }
        }
        return predicted;
    }

    private static int[] truth(List<LabeledText> examples) {
        return examples.stream().mapToInt(LabeledText::label).toArray();
    }

    private static List<String> labels(ScoringModel model, Task task) {
        return task == Task.TOPIC ? model.topicLabels() : model.sentimentLabels();
    }
}
