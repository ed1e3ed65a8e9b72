package io.sentiflow.evaluation;

import java.util.Locale;

/**
 * Renders a {@link ClassificationReport} as a fixed-width text table and confusion matrix, and a
 * {@link ValidReport}'s two figures side by side.
 */
public final class ReportFormat {

    private ReportFormat() {}

    public static String text(ClassificationReport report) {
        int width = Math.max(12, report.labels().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder out = new StringBuilder();
        String row = "%-" + width + "s %9s %9s %9s %9s%n";
        String values = "%-" + width + "s %9.4f %9.4f %9.4f %9d%n";
        out.append(String.format(Locale.ROOT, row, "", "precision", "recall", "f1", "support"));
        for (ClassMetrics m : report.perClass()) {
            out.append(String.format(Locale.ROOT, values, m.label(), m.precision(), m.recall(), m.f1(), m.support()));
        }
        out.append(String.format(Locale.ROOT, "%n%-" + width + "s %9s %9s %9.4f %9d%n", "accuracy", "", "",
                report.accuracy(), report.total()));
        out.append(String.format(Locale.ROOT, values, "macro avg", report.macroPrecision(), report.macroRecall(),
                report.macroF1(), report.total()));
        out.append(String.format(Locale.ROOT, values, "weighted avg", report.weightedPrecision(),
                report.weightedRecall(), report.weightedF1(), report.total()));
        out.append("\nconfusion matrix (rows: true, columns: predicted, in label order)\n");
        int[][] confusion = report.confusion();
        for (int i = 0; i < confusion.length; i++) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", report.labels().get(i)));
            for (int count : confusion[i]) {
                out.append(String.format(Locale.ROOT, " %5d", count));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Accuracy and macro-F1 on the whole split and without the train split's duplicates, one row each. */
    public static String sideBySide(String name, ValidReport report) {
        ClassificationReport all = report.all();
        ClassificationReport dedup = report.deduplicated();
        return String.format(Locale.ROOT, "%-9s accuracy %.4f  macro-F1 %.4f  (%d texts) | without train duplicates"
                + " accuracy %.4f  macro-F1 %.4f  (%d texts, %d left out)%n", name, all.accuracy(), all.macroF1(),
                all.total(), dedup.accuracy(), dedup.macroF1(), dedup.total(), report.removed());
    }
}
