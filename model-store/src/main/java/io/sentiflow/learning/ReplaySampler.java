package io.sentiflow.learning;

import io.sentiflow.training.LabeledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The replay buffer's share of the original training data: up to {@code perClass} rows of each
 * label, chosen by a seeded shuffle, so the same file and seed always give the same rows.
 */
public final class ReplaySampler {

    private ReplaySampler() {}

    /** Up to {@code perClass} rows of each label of {@code rows}, in the order of {@code rows}. */
    public static List<LabeledText> stratified(List<LabeledText> rows, int perClass, long seed) {
        List<Integer> picked = stratifiedIndices(rows, perClass, seed);
        List<LabeledText> out = new ArrayList<>(picked.size());
        picked.forEach(index -> out.add(rows.get(index)));
        return out;
    }

    /** Positions in {@code rows} of the {@link #stratified} sample, ascending. */
    static List<Integer> stratifiedIndices(List<LabeledText> rows, int perClass, long seed) {
        TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byLabel.computeIfAbsent(rows.get(i).label(), label -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> picked = new ArrayList<>();
        for (List<Integer> indices : byLabel.values()) {
            Collections.shuffle(indices, random);
            picked.addAll(indices.subList(0, Math.min(perClass, indices.size())));
        }
        Collections.sort(picked);
        return picked;
    }
}
