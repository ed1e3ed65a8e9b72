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
 * Stateless; deterministic (a test replays the same plan). Public so that the pipeline benchmark
 * reports the padding the served model really runs, from this same plan.
 */
public final class LengthBatches {

    private LengthBatches() {}

    /** Each sub-batch's rows (indices into {@code batch}), in the order they run. */
    public static List<int[]> plan(TokenBatch batch, int tokenBudget) {
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

    /** Tokens the engine runs for {@code batch} under {@code tokenBudget}: each sub-batch's rows x its longest row. */
    public static long paddedTokens(TokenBatch batch, int tokenBudget) {
        long padded = 0;
        for (int[] rows : plan(batch, tokenBudget)) {
            int longest = 0;
            for (int row : rows) {
                longest = Math.max(longest, batch.ids().get(row).length);
            }
            padded += (long) rows.length * longest;
        }
        return padded;
    }
}
