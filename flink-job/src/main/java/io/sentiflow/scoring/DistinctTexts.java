package io.sentiflow.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct texts of a batch, in order of first appearance, and for every input position the
 * index of its text among them; so that identical texts (retweets, syndicated headlines) are
 * encoded once.
 *
 * <p>Immutable.
 */
final class DistinctTexts {

    private final List<String> texts;
    private final int[] indexOfPosition;

    private DistinctTexts(List<String> texts, int[] indexOfPosition) {
        this.texts = List.copyOf(texts);
        this.indexOfPosition = indexOfPosition;
    }

    static DistinctTexts of(List<String> batch) {
        Map<String, Integer> firstIndex = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] indexOf = new int[batch.size()];
        for (int position = 0; position < batch.size(); position++) {
            String text = batch.get(position);
            Integer index = firstIndex.putIfAbsent(text, distinct.size());
            if (index == null) {
                index = distinct.size();
                distinct.add(text);
            }
            indexOf[position] = index;
        }
        return new DistinctTexts(distinct, indexOf);
    }

    /** The texts to give the model, each once. */
    List<String> texts() {
        return texts;
    }

    /** Index into {@link #texts()} of the text at {@code position} of the batch. */
    int indexOf(int position) {
        return indexOfPosition[position];
    }

    int batchSize() {
        return indexOfPosition.length;
    }
}
