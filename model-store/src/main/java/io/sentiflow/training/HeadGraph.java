package io.sentiflow.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Tensor;
import io.sentiflow.model.TextPrediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The layers above the encoder as an NDArray graph (DJL PyTorch engine): the training twin of
 * {@link io.sentiflow.model.Heads}. Batch operands always come first in each operation, so results
 * live on the batch's manager and are freed with it, never on the parameters' manager.
 */
public final class HeadGraph {

    private static final int EVAL_BATCH = 256;
    private static final float MASKED = -1e4f;

    private HeadGraph() {}

    /** A padded batch: token vectors {@code [B, T, 384]} and the real-token mask {@code [B, T]}. */
    public record Inputs(NDArray tokens, NDArray mask) {}

    /** The texts' vectors padded to the longest on {@code manager}, with the mask of their real tokens. */
    public static Inputs inputs(NDManager manager, List<EncodedText> texts) {
        int dim = EncoderKind.HIDDEN_SIZE;
        int width = texts.stream().mapToInt(EncodedText::tokens).max().orElse(1);
        float[] tokens = new float[texts.size() * width * dim];
        float[] mask = new float[texts.size() * width];
        for (int row = 0; row < texts.size(); row++) {
            EncodedText text = texts.get(row);
            text.copyInto(tokens, row, width);
            for (int t = 0; t < text.tokens(); t++) {
                mask[row * width + t] = 1f;
            }
        }
        return new Inputs(manager.create(tokens, new Shape(texts.size(), width, dim)),
                manager.create(mask, new Shape(texts.size(), width)));
    }

    /** Topic and sentiment logits; {@code dropoutMask} ({@code [B, adapter]}) or null at inference. */
    public static NDList forward(Inputs in, Map<String, NDArray> p, NDArray dropoutMask) {
        NDArray hidden = in.tokens().matMul(p.get("att.w")).add(p.get("att.b")).tanh();
        NDArray scores = hidden.matMul(p.get("att.v")).squeeze(2);
        NDArray masked = scores.add(in.mask().sub(1f).mul(-MASKED));
        NDArray alpha = masked.softmax(1);
        NDArray pooled = in.tokens().mul(alpha.expandDims(2)).sum(new int[] {1});
        NDArray adapted = Activation.relu(pooled.matMul(p.get("adapter.w")).add(p.get("adapter.b")));
        if (dropoutMask != null) {
            adapted = adapted.mul(dropoutMask);
        }
        NDArray topic = adapted.matMul(p.get("topic.w")).add(p.get("topic.b"));
        NDArray sentiment = adapted.matMul(p.get("sentiment.w")).add(p.get("sentiment.b"));
        return new NDList(topic, sentiment);
    }

    public static Map<String, NDArray> initialParameters(NDManager manager, HeadDimensions d, Random random) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("att.w", xavier(manager, random, d.hidden(), d.attention()));
        params.put("att.b", manager.zeros(new Shape(d.attention())));
        params.put("att.v", xavier(manager, random, d.attention(), 1));
        params.put("adapter.w", xavier(manager, random, d.hidden(), d.adapter()));
        params.put("adapter.b", manager.zeros(new Shape(d.adapter())));
        params.put("topic.w", xavier(manager, random, d.adapter(), d.topics()));
        params.put("topic.b", manager.zeros(new Shape(d.topics())));
        params.put("sentiment.w", xavier(manager, random, d.adapter(), d.sentiments()));
        params.put("sentiment.b", manager.zeros(new Shape(d.sentiments())));
        return params;
    }

    public static Map<String, NDArray> parameters(NDManager manager, HeadWeights weights) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Tensor tensor : weights.tensors()) {
            long[] shape = new long[tensor.shape().length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = tensor.shape()[i];
            }
            params.put(tensor.name(), manager.create(tensor.data(), new Shape(shape)));
        }
        return params;
    }

    private static NDArray xavier(NDManager manager, Random random, int fanIn, int fanOut) {
        float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
        float[] values = new float[fanIn * fanOut];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextFloat() * 2f - 1f) * limit;
        }
        return manager.create(values, new Shape(fanIn, fanOut));
    }

    public static HeadWeights snapshot(Map<String, NDArray> params, HeadDimensions dims) {
        List<Tensor> tensors = new ArrayList<>();
        for (String name : HeadWeights.NAMES) {
            NDArray array = params.get(name);
            long[] shape = array.getShape().getShape();
            int[] intShape = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                intShape[i] = (int) shape[i];
            }
            tensors.add(new Tensor(name, intShape, array.toFloatArray()));
        }
        return HeadWeights.of(dims, tensors);
    }

    /** Probabilities of both heads computed by PyTorch (used to check the Java forward pass). */
    static List<TextPrediction> predict(HeadWeights weights, List<EncodedText> texts, NDManager parent) {
        List<TextPrediction> out = new ArrayList<>(texts.size());
        try (NDManager manager = parent.newSubManager()) {
            Map<String, NDArray> params = parameters(manager, weights);
            for (int from = 0; from < texts.size(); from += EVAL_BATCH) {
                try (NDManager batch = manager.newSubManager()) {
                    List<EncodedText> chunk = texts.subList(from, Math.min(texts.size(), from + EVAL_BATCH));
                    NDList logits = forward(inputs(batch, chunk), params, null);
                    float[] topic = logits.get(0).softmax(1).toFloatArray();
                    float[] sentiment = logits.get(1).softmax(1).toFloatArray();
                    int kt = weights.dims().topics();
                    int ks = weights.dims().sentiments();
                    for (int row = 0; row < chunk.size(); row++) {
                        out.add(new TextPrediction(java.util.Arrays.copyOfRange(topic, row * kt, (row + 1) * kt),
                                java.util.Arrays.copyOfRange(sentiment, row * ks, (row + 1) * ks)));
                    }
                }
            }
        }
        return out;
    }

    /** Most probable topic and sentiment of each text ({@code [topic, sentiment]}). */
    static List<int[]> argMax(HeadWeights weights, List<EncodedText> texts, NDManager parent) {
        List<int[]> out = new ArrayList<>(texts.size());
        for (TextPrediction prediction : predict(weights, texts, parent)) {
            out.add(new int[] {prediction.topTopic(), prediction.topSentiment()});
        }
        return out;
    }
}
