package io.sentiflow.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sentiflow.model.HeadDimensions;
import java.util.List;

/**
 * The multi-task loss of joint training and fine-tuning: each example has one label, so
 * the other head's cross-entropy is masked out (its target row is zero); topic loss is the mean over
 * topic examples, sentiment loss the class-weighted mean over sentiment examples; the loss is the
 * topic loss plus the sentiment loss times {@code sentimentLossWeight} (1 in frozen training).
 */
public final class MaskedLoss {

    private final HeadDimensions dims;
    private final float[] sentimentWeights;
    private final float sentimentLossWeight;

    public MaskedLoss(HeadDimensions dims, float[] sentimentWeights, float sentimentLossWeight) {
        if (!(sentimentLossWeight > 0)) {
            throw new IllegalArgumentException("The sentiment loss weight must be positive, was " + sentimentLossWeight);
        }
        this.dims = dims;
        this.sentimentWeights = sentimentWeights.clone();
        this.sentimentLossWeight = sentimentLossWeight;
    }

    /** The loss of a batch; {@code logits} are the topic and sentiment logits, rows in batch order. */
    public NDArray of(NDManager step, NDList logits, List<? extends TaskLabel> batch) {
        int size = batch.size();
        float[] topicTarget = new float[size * dims.topics()];
        float[] sentimentTarget = new float[size * dims.sentiments()];
        int topics = 0;
        float sentimentWeight = 0;
        for (int row = 0; row < size; row++) {
            TaskLabel example = batch.get(row);
            if (example.task() == Task.TOPIC) {
                topicTarget[row * dims.topics() + example.label()] = 1f;
                topics++;
            } else {
                float weight = sentimentWeights[example.label()];
                sentimentTarget[row * dims.sentiments() + example.label()] = weight;
                sentimentWeight += weight;
            }
        }
        NDArray topicLoss = step.create(topicTarget, new Shape(size, dims.topics()))
                .mul(logits.get(0).logSoftmax(1)).sum().neg().div(Math.max(1, topics));
        NDArray sentimentLoss = step.create(sentimentTarget, new Shape(size, dims.sentiments()))
                .mul(logits.get(1).logSoftmax(1)).sum().neg().div(Math.max(1e-6f, sentimentWeight));
        return topicLoss.add(sentimentLoss.mul(sentimentLossWeight));
    }
}
