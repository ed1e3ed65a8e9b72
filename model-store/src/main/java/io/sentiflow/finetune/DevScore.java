package io.sentiflow.finetune;

import ai.djl.ndarray.NDManager;
import io.sentiflow.evaluation.ClassificationReport;
import io.sentiflow.training.Task;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Accuracy of each head on its own examples of a labelled set (their mean decides early stopping),
 * and the sentiment head's macro-F1, for the record.
 */
public record DevScore(double topic, double sentiment, double sentimentMacroF1) {

    /** Before any evaluation: worse than every real score. */
    static final DevScore NONE = new DevScore(-1, -1, -1);

    public double mean() {
        return (topic + sentiment) / 2;
    }

    static DevScore of(JointModel model, NDManager manager, List<TokenizedExample> examples) {
        List<int[]> predicted = model.argMax(manager, examples);
        int[] correct = new int[2];
        int[] total = new int[2];
        int[] sentimentTruth = new int[examples.size()];
        int[] sentimentGuess = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            TokenizedExample example = examples.get(i);
            int task = example.task() == Task.TOPIC ? 0 : 1;
            total[task]++;
            if (predicted.get(i)[task] == example.label()) {
                correct[task]++;
            }
            if (task == 1) {
                sentimentTruth[total[1] - 1] = example.label();
                sentimentGuess[total[1] - 1] = predicted.get(i)[1];
            }
        }
        List<String> sentimentClasses = IntStream.range(0, model.dims().sentiments()).mapToObj(Integer::toString)
                .toList();
        double macroF1 = ClassificationReport.of(sentimentClasses, java.util.Arrays.copyOf(sentimentTruth, total[1]),
                java.util.Arrays.copyOf(sentimentGuess, total[1])).macroF1();
        return new DevScore(correct[0] / (double) Math.max(1, total[0]), correct[1] / (double) Math.max(1, total[1]),
                macroF1);
    }
}
