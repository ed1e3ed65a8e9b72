package io.sentiflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthBatchesTest {

    @Test
    void ordersRowsByLengthAndKeepsEachSubBatchWithinTheBudget() {
        TokenBatch batch = batchOf(30, 5, 12, 5, 64, 11, 2);

        List<int[]> plan = LengthBatches.plan(batch, 40);

        assertThat(rows(plan)).containsExactly(List.of(6, 1, 3), List.of(5, 2), List.of(0), List.of(4));
        for (int[] rows : plan) {
            int longest = Arrays.stream(rows).map(row -> batch.ids().get(row).length).max().orElseThrow();
            assertThat(rows.length == 1 || rows.length * longest <= 40).as("%s", Arrays.toString(rows)).isTrue();
        }
    }

    @Test
    void aRowLongerThanTheBudgetRunsAloneAndABudgetOfOneRunsOneRowAtATime() {
        assertThat(rows(LengthBatches.plan(batchOf(64, 3), 32))).containsExactly(List.of(1), List.of(0));
        assertThat(rows(LengthBatches.plan(batchOf(4, 4, 4), 1))).containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void everyRowRunsOnceAndEqualLengthsKeepTheirInputOrder() {
        TokenBatch batch = batchOf(IntStream.range(0, 100).map(i -> 2 + (i * 37) % 63).toArray());

        List<int[]> plan = LengthBatches.plan(batch, 512);

        int[] all = plan.stream().flatMapToInt(Arrays::stream).toArray();
        assertThat(all).hasSize(100).doesNotHaveDuplicates();
        for (int i = 1; i < all.length; i++) {
            int previous = batch.ids().get(all[i - 1]).length;
            int current = batch.ids().get(all[i]).length;
            assertThat(previous < current || previous == current && all[i - 1] < all[i]).isTrue();
        }
        assertThat(LengthBatches.plan(batchOf(), 512)).isEmpty();
    }

    @Test
    void paddedTokensAreEachSubBatchsRowsTimesItsLongestRow() {
        // Plan under 40: [2, 5, 5] (3 x 5), [11, 12] (2 x 12), [30], [64].
        assertThat(LengthBatches.paddedTokens(batchOf(30, 5, 12, 5, 64, 11, 2), 40)).isEqualTo(15 + 24 + 30 + 64);
        assertThat(LengthBatches.paddedTokens(batchOf(), 512)).isZero();
    }

    @Test
    void settingsRefuseNoThreadsAndNoBudget() {
        assertThatThrownBy(() -> ServingSettings.defaults().withIntraOpThreads(0)).hasMessageContaining("intraOpThreads");
        assertThatThrownBy(() -> ServingSettings.defaults().withTokenBudget(0)).hasMessageContaining("tokenBudget");
    }

    private static List<List<Integer>> rows(List<int[]> plan) {
        return plan.stream().map(rows -> Arrays.stream(rows).boxed().toList()).toList();
    }

    private static TokenBatch batchOf(int... lengths) {
        return new TokenBatch(Arrays.stream(lengths).mapToObj(long[]::new).toList());
    }
}
