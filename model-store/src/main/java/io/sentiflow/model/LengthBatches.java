package io.sentiflow.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cuts a tokenized batch into sub-batches of similar lengths: rows ordered by token count (shortest
 * first, ties in input order), each sub-batch taking rows while its padded size (rows x its longest
 * row) stays within the token budget, so padding stays near the real tokens however the texts arrive.
 * Stateless; deterministic (a test replays the same plan).
 */
final class LengthBatches {

    private LengthBatches() {}

    /** Each sub-batch's rows (indices into {@code batch}), in the order they run. */
    static List<int[]> plan(TokenBatch batch, int tokenBudget) {
        Integer[] order = IntStream.range(0, batch.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(row -> batch.ids().get(row).length)); // stable
        List<int[]> plan = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= order.length; i++) {
            // Rows are ascending, so row i would be the sub-batch's longest.
            if (i == order.length || (long) (i - from + 1) * batch.ids().get(order[i]).length > tokenBudget) {
                plan.add(Arrays.stream(order, from, i).mapToInt(Integer::intValue).toArray());
                from = i;
            }
        }
        return plan;
    }
}
