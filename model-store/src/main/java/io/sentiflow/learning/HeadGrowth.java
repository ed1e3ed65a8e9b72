package io.sentiflow.learning;

import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Heads;
import io.sentiflow.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Grows the topic head by new classes and keeps everything else: {@code topic.w [adapter, topics]}
 * gains a column per class, {@code topic.b} an entry.
 *
 * <p>A new column is imprinted from its examples (after weight imprinting, Qi et al., "Low-shot
 * learning with imprinted weights", 2018): the mean of their adapter outputs minus the mean of the
 * background's (replayed topic texts), scaled to the mean norm of the existing columns, so the class
 * starts out pointing at what sets its texts apart rather than at random or at what every text
 * shares. Its bias puts the class level with each example's strongest old class, on average;
 * fine-tuning then settles the border. Measured on the shipped model with 30 "Crypto" labels (24
 * trained on), after the round: a small random column had 11 of the 72 valid texts that mention
 * crypto or bitcoin predicted Crypto (and 41 of the 4,045 other topic texts); the mean of the
 * examples alone 17 (41); minus the background's 23 (19), topic-valid -0.8 points.
 */
public final class HeadGrowth {

    private HeadGrowth() {}

    /**
     * {@code parent} with one more topic class per entry of {@code newTopicExamples} (each the
     * per-token encoder outputs of that class's training examples); none returns it unchanged.
     * {@code background}: encoder outputs of texts of the old topics (the replay's).
     *
     * @throws IllegalArgumentException if a new class has no examples
     */
    public static HeadWeights addTopics(HeadWeights parent, List<List<float[][]>> newTopicExamples,
            List<float[][]> background) {
        if (newTopicExamples.isEmpty()) {
            return parent;
        }
        HeadDimensions d = parent.dims();
        Heads heads = new Heads(parent);
        float[] w = parent.data("topic.w");
        float[] b = parent.data("topic.b");
        float[] backgroundMean = mean(background.stream().map(heads::features).toList(), d.adapter());
        double norm = meanColumnNorm(w, d.adapter(), d.topics());
        int added = newTopicExamples.size();
        int width = d.topics() + added;
        float[] grownW = new float[d.adapter() * width];
        for (int r = 0; r < d.adapter(); r++) {
            System.arraycopy(w, r * d.topics(), grownW, r * width, d.topics());
        }
        float[] grownB = Arrays.copyOf(b, width);
        for (int k = 0; k < added; k++) {
            List<float[][]> examples = newTopicExamples.get(k);
            if (examples.isEmpty()) {
                throw new IllegalArgumentException("New topic " + k + " has no examples to imprint");
            }
            List<float[]> features = examples.stream().map(heads::features).toList();
            float[] direction = mean(features, d.adapter());
            for (int i = 0; i < direction.length; i++) {
                direction[i] -= backgroundMean[i];
            }
            float[] column = scaled(direction, norm);
            for (int r = 0; r < d.adapter(); r++) {
                grownW[r * width + d.topics() + k] = column[r];
            }
            grownB[d.topics() + k] = (float) levelBias(heads, features, column);
        }
        HeadDimensions grown = new HeadDimensions(d.hidden(), d.attention(), d.adapter(), width, d.sentiments());
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor tensor : parent.tensors()) {
            switch (tensor.name()) {
                case "topic.w" -> tensors.add(new Tensor("topic.w", new int[] {d.adapter(), width}, grownW));
                case "topic.b" -> tensors.add(new Tensor("topic.b", new int[] {width}, grownB));
                default -> tensors.add(tensor);
            }
        }
        return HeadWeights.of(grown, tensors);
    }

    private static double meanColumnNorm(float[] w, int rows, int columns) {
        double sum = 0;
        for (int c = 0; c < columns; c++) {
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                squares += (double) w[r * columns + c] * w[r * columns + c];
            }
            sum += Math.sqrt(squares);
        }
        return sum / columns;
    }

    private static float[] mean(List<float[]> vectors, int size) {
        float[] mean = new float[size];
        for (float[] vector : vectors) {
            for (int i = 0; i < size; i++) {
                mean[i] += vector[i] / vectors.size();
            }
        }
        return mean;
    }

    private static float[] scaled(float[] vector, double norm) {
        double length = 0;
        for (float v : vector) {
            length += (double) v * v;
        }
        length = Math.sqrt(length);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = length == 0 ? 0f : (float) (vector[i] * norm / length);
        }
        return out;
    }

    /** The bias at which the new class's logit equals the strongest old logit, averaged over its examples. */
    private static double levelBias(Heads heads, List<float[]> features, float[] column) {
        double sum = 0;
        for (float[] f : features) {
            float strongest = Float.NEGATIVE_INFINITY;
            for (float logit : heads.topicLogits(f)) {
                strongest = Math.max(strongest, logit);
            }
            double dot = 0;
            for (int i = 0; i < f.length; i++) {
                dot += (double) f[i] * column[i];
            }
            sum += strongest - dot;
        }
        return sum / features.size();
    }
}
