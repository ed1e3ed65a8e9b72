package io.sentiflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidReportTest {

    private static final List<String> LABELS = List.of("Bearish", "Bullish", "Neutral");

    /*
     * texts   t0 t1(dup) t2 t3(dup) t4
     * truth    0  1       2  2       1
     * guess    0  1       1  2       1
     * all: 4/5 right; without t1 and t3: t0, t2, t4 -> 2/3 right.
     */
    @Test
    void leavesTheTrainSplitsTextsOutOfTheDeduplicatedFiguresAndRecordsBothInTheMetrics() {
        TrainOverlap train = TrainOverlap.of(List.of("one https://t.co/x", "THREE"));
        List<String> texts = List.of("zero", "One https://t.co/y", "two", "three", "four");

        ValidReport report = ValidReport.of(LABELS, texts, new int[] {0, 1, 2, 2, 1}, new int[] {0, 1, 1, 2, 1}, train);
        Map<String, Double> metrics = new LinkedHashMap<>();
        report.putMetrics(metrics, "int8.", "sentiment");

        assertThat(report.all().accuracy()).isCloseTo(0.8, within(1e-12));
        assertThat(report.deduplicated().total()).isEqualTo(3);
        assertThat(report.deduplicated().accuracy()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(report.removed()).isEqualTo(2);
        assertThat(metrics).containsOnlyKeys("int8.sentiment.valid.accuracy", "int8.sentiment.valid.macroF1",
                "int8.sentiment.valid.dedup.accuracy", "int8.sentiment.valid.dedup.macroF1",
                "int8.sentiment.valid.dedup.texts");
        assertThat(metrics.get("int8.sentiment.valid.dedup.macroF1")).isEqualTo(report.deduplicated().macroF1());
        assertThat(metrics.get("int8.sentiment.valid.dedup.texts")).isEqualTo(3.0);
    }
}
