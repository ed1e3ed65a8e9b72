package io.sentiflow.model;

import java.util.ArrayList;
import java.util.List;

/** Token ids of a batch of texts, one array per text, unpadded. */
public record TokenBatch(List<long[]> ids) {

    public TokenBatch {
        ids = List.copyOf(ids);
    }

    public int size() {
        return ids.size();
    }

    /** The rows at {@code rows}, in that order. */
    public TokenBatch select(int[] rows) {
        List<long[]> selected = new ArrayList<>(rows.length);
        for (int row : rows) {
            selected.add(ids.get(row));
        }
        return new TokenBatch(selected);
    }

    /** Length of the longest sequence, the batch's padded width. */
    public int maxLength() {
        int max = 0;
        for (long[] sequence : ids) {
            max = Math.max(max, sequence.length);
        }
        return max;
    }
}
