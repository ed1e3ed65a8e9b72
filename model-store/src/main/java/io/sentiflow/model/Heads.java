package io.sentiflow.model;

/**
 * Forward pass of the trained layers in plain Java float math: attention pooling over the
 * encoder's per-token outputs, the shared ReLU adapter, then both heads' softmax. Mirrors the
 * PyTorch training graph in {@code io.sentiflow.training.JointTrainer} (a unit test proves they
 * agree), so training-side evaluation (the learner's gate, head growth, fine-tuning's served
 * figures) needs no PyTorch for the heads. Serving runs the same operations inside the one ONNX
 * graph ({@code io.sentiflow.encoder.onnx.ServingGraph}); a test holds the two equal.
 *
 * <p>Thread safe: it only reads the immutable {@link HeadWeights}.
 */
public final class Heads {

    private final HeadWeights weights;
    private final HeadDimensions d;

    public Heads(HeadWeights weights) {
        this.weights = weights;
        this.d = weights.dims();
    }

    public HeadDimensions dims() {
        return d;
    }

    /** Probabilities of both heads for one text's per-token outputs {@code [tokens][hidden]}. */
    public TextPrediction predict(float[][] tokens) {
        float[] adapted = features(tokens);
        float[] topic = softmax(topicLogits(adapted));
        float[] sentiment = softmax(linear(adapted, weights.data("sentiment.w"), weights.data("sentiment.b"),
                d.sentiments()));
        return new TextPrediction(topic, sentiment);
    }

    /** The shared adapter's output for one text: what both heads read. */
    public float[] features(float[][] tokens) {
        return adapter(pool(tokens));
    }

    /** Topic logits (before the softmax) of the adapter's {@code features}. */
    public float[] topicLogits(float[] features) {
        return linear(features, weights.data("topic.w"), weights.data("topic.b"), d.topics());
    }

    /**
     * The attention pooling's weight of each token, softmax over the tokens of score_t = v . tanh(W h_t + b):
     * how much each token counts in the features both heads read. They sum to 1.
     */
    public float[] attention(float[][] tokens) {
        float[] attW = weights.data("att.w");
        float[] attB = weights.data("att.b");
        float[] attV = weights.data("att.v");
        float[] scores = new float[tokens.length];
        float[] hiddenUnits = new float[d.attention()];
        for (int t = 0; t < tokens.length; t++) {
            System.arraycopy(attB, 0, hiddenUnits, 0, d.attention());
            accumulate(tokens[t], attW, hiddenUnits);
            float score = 0f;
            for (int a = 0; a < d.attention(); a++) {
                score += (float) Math.tanh(hiddenUnits[a]) * attV[a];
            }
            scores[t] = score;
        }
        return softmax(scores);
    }

    /** Attention-weighted sum of the token vectors. */
    float[] pool(float[][] tokens) {
        float[] alpha = attention(tokens);
        float[] pooled = new float[d.hidden()];
        for (int t = 0; t < tokens.length; t++) {
            for (int i = 0; i < d.hidden(); i++) {
                pooled[i] += alpha[t] * tokens[t][i];
            }
        }
        return pooled;
    }

    private float[] adapter(float[] pooled) {
        float[] out = linear(pooled, weights.data("adapter.w"), weights.data("adapter.b"), d.adapter());
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, out[i]);
        }
        return out;
    }

    private static float[] linear(float[] input, float[] w, float[] b, int outputs) {
        float[] out = b.clone();
        accumulate(input, w, out);
        return out;
    }

    /** out += input x w, with w row-major [input.length, out.length]. */
    private static void accumulate(float[] input, float[] w, float[] out) {
        int width = out.length;
        for (int i = 0; i < input.length; i++) {
            float x = input[i];
            int row = i * width;
            for (int j = 0; j < width; j++) {
                out[j] += x * w[row + j];
            }
        }
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        float[] out = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = (float) Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] / sum);
        }
        return out;
    }
}
