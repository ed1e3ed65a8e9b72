package io.sentiflow.encoder.onnx;

import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.MultiHeadModel;
import io.sentiflow.model.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers above the encoder as ONNX nodes, the operations of {@link io.sentiflow.model.Heads} on
 * a padded batch: attention pooling (score_t = v . tanh(W h_t + b), padding masked out, softmax over
 * the tokens, weighted sum), the shared adapter (linear + ReLU) and both heads (linear + softmax).
 * Every value and weight is named under {@code sentiflow/}, apart from the two outputs
 * ({@link MultiHeadModel#TOPIC_OUTPUT} {@code [rows, topics]}, {@link MultiHeadModel#SENTIMENT_OUTPUT}
 * {@code [rows, sentiments]}).
 *
 * <p>Only operators whose meaning is the same from opset 11 (the MiniLM graphs') on are used, and none
 * with axes given as attributes in one opset and inputs in another. Single use; not thread safe.
 */
final class ServingHeads {

    private static final String PREFIX = "sentiflow/";
    /** Padding's score offset, as in training ({@code HeadGraph}): its exp is 0 in float. */
    private static final float MASKED = 1e4f;
    private static final long ONNX_FLOAT = OnnxInitializer.FLOAT;

    private final List<OnnxNode> nodes = new ArrayList<>();

    private ServingHeads() {}

    /**
     * The extension reading the encoder's per-token outputs {@code hidden [rows, tokens, hidden]} and
     * the graph input {@code mask [rows, tokens]} (int64, 1 for a real token); {@code rows} names the
     * batch dimension in the outputs' shapes.
     */
    static GraphExtension of(HeadWeights weights, String hidden, String mask, String rows) {
        HeadDimensions d = weights.dims();
        List<byte[]> initializers = new ArrayList<>();
        for (Tensor tensor : weights.tensors()) {
            initializers.add(OnnxInitializer.encodeFloats(PREFIX + tensor.name(), tensor.shape(), tensor.data()));
        }
        initializers.add(OnnxInitializer.encodeFloats(PREFIX + "one", new int[0], new float[] {1f}));
        initializers.add(OnnxInitializer.encodeFloats(PREFIX + "masked", new int[0], new float[] {MASKED}));
        initializers.add(OnnxInitializer.encodeInt64s(PREFIX + "shape.column", new long[] {0, -1, 1}));
        initializers.add(OnnxInitializer.encodeInt64s(PREFIX + "shape.rows", new long[] {0, -1}));
        ServingHeads graph = new ServingHeads();
        String pooled = graph.pool(hidden, mask);
        String adapted = graph.add("Relu", "adapter.relu", graph.linear(pooled, "adapter"));
        graph.softmax(graph.linear(adapted, "topic"), MultiHeadModel.TOPIC_OUTPUT);
        graph.softmax(graph.linear(adapted, "sentiment"), MultiHeadModel.SENTIMENT_OUTPUT);
        return new GraphExtension(graph.nodes, initializers, List.of(
                GraphExtension.floatMatrixOutput(MultiHeadModel.TOPIC_OUTPUT, rows, d.topics()),
                GraphExtension.floatMatrixOutput(MultiHeadModel.SENTIMENT_OUTPUT, rows, d.sentiments())));
    }

    /** Attention pooling: {@code [rows, hidden]}. */
    private String pool(String hidden, String mask) {
        String units = add("Tanh", "att.units", linear(hidden, "att"));
        String scores = add("MatMul", "att.scores", units, PREFIX + "att.v"); // [rows, tokens, 1]
        // (mask - 1) * 1e4 is +0 for a real token, whose score so stays the same bit for bit, and -1e4
        // for padding, whose softmax weight is then exactly 0: padding never counts, as in Heads.
        String real = add("Cast", "mask.real", List.of(mask), OnnxAttribute.of("to", ONNX_FLOAT));
        String offset = add("Sub", "mask.offset", real, PREFIX + "one");
        String penalty = add("Mul", "mask.penalty", offset, PREFIX + "masked");
        String column = add("Reshape", "mask.column", penalty, PREFIX + "shape.column"); // [rows, tokens, 1]
        String masked = add("Add", "att.masked", scores, column);
        // Axis 1 of [rows, tokens, 1] is the tokens in opset 11 (coerced to [rows, tokens]) and 13+ alike.
        String alpha = add("Softmax", "att.alpha", List.of(masked), OnnxAttribute.of("axis", 1));
        String row = add("Transpose", "att.alpha.row", List.of(alpha), OnnxAttribute.ofList("perm", 0, 2, 1));
        String sum = add("MatMul", "pooled.row", row, hidden); // [rows, 1, hidden]
        return add("Reshape", "pooled", sum, PREFIX + "shape.rows");
    }

    /** {@code input x <layer>.w + <layer>.b}. */
    private String linear(String input, String layer) {
        String product = add("MatMul", layer + ".product", input, PREFIX + layer + ".w");
        return add("Add", layer + ".logits", product, PREFIX + layer + ".b");
    }

    /** Softmax over the last axis of {@code [rows, classes]} into the graph output {@code output}. */
    private void softmax(String logits, String output) {
        nodes.add(OnnxNode.of(PREFIX + output, "Softmax", List.of(logits), output, OnnxAttribute.of("axis", 1)));
    }

    private String add(String opType, String name, String... inputs) {
        return add(opType, name, List.of(inputs));
    }

    private String add(String opType, String name, List<String> inputs, OnnxAttribute... attributes) {
        String output = PREFIX + name;
        nodes.add(OnnxNode.of(output, opType, inputs, output, attributes));
        return output;
    }
}
