package io.sentiflow.finetune;

import ai.djl.ndarray.NDManager;
import io.sentiflow.training.Task;
import java.util.List;

/** Accuracy of each head on its own examples of a labelled set. */
record DevScore(double topic, double sentiment) {

    double mean() {
        return (topic + sentiment) / 2;
    }

    static DevScore of(JointModel model, NDManager manager, List<TokenizedExample> examples) {
        List<int[]> predicted = model.argMax(manager, examples.stream().map(TokenizedExample::ids).toList());
        int[] correct = new int[2];
        int[] total = new int[2];
        for (int i = 0; i < examples.size(); i++) {
            TokenizedExample example = examples.get(i);
            int task = example.task() == Task.TOPIC ? 0 : 1;
            total[task]++;
            if (predicted.get(i)[task] == example.label()) {
                correct[task]++;
            }
        }
        return new DevScore(correct[0] / (double) Math.max(1, total[0]), correct[1] / (double) Math.max(1, total[1]));
    }
}
