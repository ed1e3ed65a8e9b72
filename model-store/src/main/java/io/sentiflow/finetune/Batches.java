package io.sentiflow.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * An epoch's shuffled batches of similar lengths, as frozen training cuts them: shuffle, sort windows
 * of {@value #BUCKET_BATCHES} batches by token count, cut, shuffle the batches. The encoder's cost
 * grows with the padded width, so random batches would spend much of it on padding.
 */
final class Batches {

    private static final int BUCKET_BATCHES = 16;

    private final List<TokenizedExample> order;
    private final int batchSize;
    private final Random random;

    Batches(List<TokenizedExample> examples, int batchSize, Random random) {
        this.order = new ArrayList<>(examples);
        this.batchSize = batchSize;
        this.random = random;
    }

    int perEpoch() {
        return (order.size() + batchSize - 1) / batchSize;
    }

    List<List<TokenizedExample>> next() {
        Collections.shuffle(order, random);
        int window = batchSize * BUCKET_BATCHES;
        List<List<TokenizedExample>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += window) {
            List<TokenizedExample> bucket = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
            bucket.sort(Comparator.comparingInt(example -> example.ids().length));
            for (int start = 0; start < bucket.size(); start += batchSize) {
                batches.add(List.copyOf(bucket.subList(start, Math.min(bucket.size(), start + batchSize))));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}
