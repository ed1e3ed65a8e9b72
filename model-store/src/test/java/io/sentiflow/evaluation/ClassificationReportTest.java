package io.sentiflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    private static final List<String> LABELS = List.of("Bearish", "Bullish", "Neutral");

    /*
     * Hand-checked: truth    0 0 0 1 1 2 2 2 2 2
     *               predicted 0 0 1 1 2 2 2 2 0 2
     * Bearish: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
     * Bullish: tp 1, predicted 2, support 2 -> P 1/2, R 1/2, F1 1/2
     * Neutral: tp 4, predicted 5, support 5 -> P 4/5, R 4/5, F1 4/5
     * accuracy 7/10; macro F1 (2/3 + 1/2 + 4/5) / 3 = 59/90; weighted F1 (3*2/3 + 2*1/2 + 5*4/5) / 10 = 0.7
     */
    @Test
    void computesExactFiguresOnAHandCheckedSet() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2, 2, 2, 0, 2};

        ClassificationReport report = ClassificationReport.of(LABELS, truth, predicted);

        assertThat(report.total()).isEqualTo(10);
        assertThat(report.accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(report.perClass()).extracting(ClassMetrics::support).containsExactly(3, 2, 5);
        assertThat(report.perClass().get(0).precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.perClass().get(1).recall()).isCloseTo(0.5, within(1e-12));
        assertThat(report.perClass().get(2).f1()).isCloseTo(0.8, within(1e-12));
        assertThat(report.macroF1()).isCloseTo(59.0 / 90, within(1e-12));
        assertThat(report.macroPrecision()).isCloseTo(59.0 / 90, within(1e-12));
        assertThat(report.weightedF1()).isCloseTo(0.7, within(1e-12));
        assertThat(report.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {1, 0, 4}});
    }

    @Test
    void countsAClassNeverPredictedAsZeroPrecisionAndLeavesAbsentClassesOutOfMacroAverages() {
        int[] truth = {0, 0, 1, 1};
        int[] predicted = {0, 0, 0, 0};

        ClassificationReport report = ClassificationReport.of(LABELS, truth, predicted);

        // Bearish: P 0.5, R 1, F1 2/3; Bullish: P 0, R 0, F1 0; Neutral absent everywhere.
        assertThat(report.perClass().get(1).precision()).isZero();
        assertThat(report.macroF1()).isCloseTo((2.0 / 3) / 2, within(1e-12));
        assertThat(report.macroRecall()).isCloseTo(0.5, within(1e-12));
        assertThat(report.accuracy()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void rendersEveryLabelAndTheConfusionMatrix() {
        String text = ReportFormat.text(ClassificationReport.of(LABELS, new int[] {0, 1, 2}, new int[] {0, 1, 1}));

        assertThat(text).contains("Bearish", "Bullish", "Neutral", "macro avg", "weighted avg", "accuracy")
                .contains("confusion matrix");
    }
}
