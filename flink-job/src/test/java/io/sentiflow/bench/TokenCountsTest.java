package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCountsTest {

    private static List<long[]> lengths(int... lengths) {
        return Arrays.stream(lengths).mapToObj(long[]::new).toList();
    }

    @Test
    void theJobPadsEachMicroBatchInSendOrderAndTheLimitPadsAllTextsSorted() {
        // Micro-batches of 2 in send order: [10, 2] and [9, 3]; a budget of 64 keeps each whole,
        // so they pad to 2 x 10 + 2 x 9 = 38. Sorted in one batch of 32: 4 x 10 = 40.
        TokenCounts counts = TokenCounts.of(lengths(10, 2, 9, 3), 2, 64);

        assertThat(counts.realTokens()).isEqualTo(24);
        assertThat(counts.jobPaddedTokens()).isEqualTo(38);
        assertThat(counts.limitPaddedTokens()).isEqualTo(40);
        assertThat(counts.realPerText()).isEqualTo(6.0);
        assertThat(counts.jobPaddedPerText()).isEqualTo(9.5);
    }

    @Test
    void aSmallBudgetSplitsAMicroBatchIntoSubBatchesOfSimilarLength() {
        // One micro-batch of 4; budget 12: [2, 3] (2 x 3 = 6), then [9] and [10] alone.
        TokenCounts counts = TokenCounts.of(lengths(10, 2, 9, 3), 4, 12);

        assertThat(counts.jobPaddedTokens()).isEqualTo(6 + 9 + 10);
    }
}
