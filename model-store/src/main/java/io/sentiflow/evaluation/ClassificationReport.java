package io.sentiflow.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Classification figures of one head on a labelled set: per-class precision, recall, F1 and
 * support, accuracy, macro and support-weighted averages, and the confusion matrix (rows = true
 * label, columns = predicted). Like scikit-learn, macro averages run over the classes that occur in
 * the truth or the predictions; a ratio with a zero denominator counts as 0.
 */
public record ClassificationReport(List<String> labels, List<ClassMetrics> perClass, int total, double accuracy,
        double macroPrecision, double macroRecall, double macroF1, double weightedPrecision, double weightedRecall,
        double weightedF1, int[][] confusion) {

    public ClassificationReport {
        labels = List.copyOf(labels);
        perClass = List.copyOf(perClass);
        confusion = deepCopy(confusion);
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    /** Computes the report; {@code truth[i]} and {@code predicted[i]} are label ids. */
    public static ClassificationReport of(List<String> labels, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        int k = labels.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>(k);
        double[] macro = new double[3];
        double[] weighted = new double[3];
        int present = 0;
        for (int c = 0; c < k; c++) {
            int support = 0;
            int predictedCount = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedCount += confusion[j][c];
            }
            int tp = confusion[c][c];
            double precision = ratio(tp, predictedCount);
            double recall = ratio(tp, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(labels.get(c), precision, recall, f1, support));
            if (support > 0 || predictedCount > 0) {
                present++;
                macro[0] += precision;
                macro[1] += recall;
                macro[2] += f1;
            }
            weighted[0] += precision * support;
            weighted[1] += recall * support;
            weighted[2] += f1 * support;
        }
        int n = truth.length;
        return new ClassificationReport(labels, perClass, n, ratio(correct, n), ratio(macro[0], present),
                ratio(macro[1], present), ratio(macro[2], present), ratio(weighted[0], n), ratio(weighted[1], n),
                ratio(weighted[2], n), confusion);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private static int[][] deepCopy(int[][] matrix) {
        int[][] copy = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
