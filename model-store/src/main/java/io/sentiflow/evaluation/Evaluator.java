package io.sentiflow.evaluation;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import java.util.List;

/** Scores a labelled set with a model and reports one head's figures. */
public final class Evaluator {

    private static final int BATCH = 64;

    private Evaluator() {}

    public static ClassificationReport evaluate(ScoringModel model, Task task, List<LabeledText> examples) {
        int[] truth = new int[examples.size()];
        int[] predicted = new int[examples.size()];
        for (int from = 0; from < examples.size(); from += BATCH) {
            List<LabeledText> chunk = examples.subList(from, Math.min(examples.size(), from + BATCH));
            List<TextPrediction> predictions = model.predict(chunk.stream().map(LabeledText::text).toList());
            for (int i = 0; i < chunk.size(); i++) {
                truth[from + i] = chunk.get(i).label();
                TextPrediction prediction = predictions.get(i);
                predicted[from + i] = task == Task.TOPIC ? prediction.topTopic() : prediction.topSentiment();
            }
        }
        List<String> labels = task == Task.TOPIC ? model.topicLabels() : model.sentimentLabels();
        return ClassificationReport.of(labels, truth, predicted);
    }
}
