package io.sentiflow.learning;

import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Grows the topic head by new classes and keeps everything else: {@code topic.w [adapter, topics]}
 * gains a column per class, {@code topic.b} an entry. New columns start small (uniform within
 * {@value #INIT_RANGE}, seeded) and new biases at the lowest existing bias, so before fine-tuning the
 * grown model almost never predicts a new class and otherwise predicts as its parent did.
 */
public final class HeadGrowth {

    static final float INIT_RANGE = 0.01f;

    private HeadGrowth() {}

    /** {@code parent} with {@code added} more topic classes (0 returns it unchanged). */
    public static HeadWeights addTopics(HeadWeights parent, int added, long seed) {
        if (added < 0) {
            throw new IllegalArgumentException("Cannot remove topics: " + added);
        }
        if (added == 0) {
            return parent;
        }
        HeadDimensions d = parent.dims();
        HeadDimensions grown = new HeadDimensions(d.hidden(), d.attention(), d.adapter(), d.topics() + added,
                d.sentiments());
        Random random = new Random(seed);
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor tensor : parent.tensors()) {
            switch (tensor.name()) {
                case "topic.w" -> tensors.add(widenColumns(tensor, d.adapter(), d.topics(), added, random));
                case "topic.b" -> tensors.add(extendBias(tensor, added));
                default -> tensors.add(tensor);
            }
        }
        return HeadWeights.of(grown, tensors);
    }

    private static Tensor widenColumns(Tensor w, int rows, int columns, int added, Random random) {
        int width = columns + added;
        float[] data = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w.data(), r * columns, data, r * width, columns);
            for (int c = columns; c < width; c++) {
                data[r * width + c] = (random.nextFloat() * 2f - 1f) * INIT_RANGE;
            }
        }
        return new Tensor(w.name(), new int[] {rows, width}, data);
    }

    private static Tensor extendBias(Tensor b, int added) {
        float lowest = Float.POSITIVE_INFINITY;
        for (float value : b.data()) {
            lowest = Math.min(lowest, value);
        }
        float[] data = java.util.Arrays.copyOf(b.data(), b.data().length + added);
        java.util.Arrays.fill(data, b.data().length, data.length, lowest);
        return new Tensor(b.name(), new int[] {data.length}, data);
    }
}
