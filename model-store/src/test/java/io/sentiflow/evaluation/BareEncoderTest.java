package io.sentiflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BareEncoderTest {

    @Test
    void paddedTokensAreThoseOfLengthSortedBatchesOfThirtyTwo() {
        // 40 texts of lengths 1..40 in reverse: sorted, the batches are 1..32 and 33..40.
        List<long[]> ids = IntStream.rangeClosed(1, 40).map(i -> 41 - i).mapToObj(long[]::new).toList();

        assertThat(BareEncoder.paddedTokens(ids)).isEqualTo(32L * 32 + 8L * 40);
    }

    @Test
    void equalLengthsPadNothing() {
        List<long[]> ids = Arrays.asList(new long[7], new long[7], new long[7]);

        assertThat(BareEncoder.paddedTokens(ids)).isEqualTo(21);
        assertThat(BareEncoder.paddedTokens(List.of())).isZero();
    }
}
