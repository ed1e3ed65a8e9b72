package io.sentiflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.training.LabeledText;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplaySamplerTest {

    /** 100 rows of label 0, 30 of label 1, 5 of label 2. */
    static final List<LabeledText> ROWS = IntStream.range(0, 135)
            .mapToObj(i -> new LabeledText("text " + i, i < 100 ? 0 : i < 130 ? 1 : 2)).toList();

    @Test
    void takesUpToPerClassOfEveryLabelInFileOrderAndRepeatsForASeed() {
        List<LabeledText> sample = ReplaySampler.stratified(ROWS, 10, 4L);

        Map<Integer, Long> perLabel = sample.stream().collect(Collectors.groupingBy(LabeledText::label,
                Collectors.counting()));
        assertThat(perLabel).containsEntry(0, 10L).containsEntry(1, 10L).containsEntry(2, 5L);
        assertThat(sample).isSortedAccordingTo((a, b) -> Integer.compare(ROWS.indexOf(a), ROWS.indexOf(b)));
        assertThat(ReplaySampler.stratified(ROWS, 10, 4L)).isEqualTo(sample);
        assertThat(ReplaySampler.stratified(ROWS, 10, 5L)).isNotEqualTo(sample);
        assertThat(sample.stream().map(LabeledText::text).distinct().count()).isEqualTo(25);
        assertThat(ReplaySampler.stratified(ROWS, 0, 4L)).isEmpty();
    }
}
