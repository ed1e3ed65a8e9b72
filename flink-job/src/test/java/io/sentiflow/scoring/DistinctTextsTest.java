package io.sentiflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistinctTextsTest {

    @Test
    void keepsEachTextOnceInOrderOfFirstAppearance() {
        DistinctTexts distinct = DistinctTexts.of(List.of("b", "a", "b", "c", "a", "b"));

        assertThat(distinct.texts()).containsExactly("b", "a", "c");
        assertThat(distinct.batchSize()).isEqualTo(6);
        assertThat(List.of(0, 1, 2, 3, 4, 5).stream().map(distinct::indexOf))
                .containsExactly(0, 1, 0, 2, 1, 0);
    }

    @Test
    void treatsTextsThatDifferOnlyInCaseOrSpaceAsDifferent() {
        DistinctTexts distinct = DistinctTexts.of(List.of("Fed cuts", "fed cuts", "Fed cuts "));

        assertThat(distinct.texts()).hasSize(3);
    }
}
