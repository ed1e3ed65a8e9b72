package io.sentiflow.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.sentiflow.encoder.bert.BertConfig;
import io.sentiflow.encoder.bert.BertEncoder;
import io.sentiflow.encoder.bert.BertInputs;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Tensor;
import io.sentiflow.training.HeadGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The whole model on DJL PyTorch: the {@link BertEncoder} feeding {@link HeadGraph} (attention
 * pooling, shared adapter, both heads), the graph that frozen training trains and Java serves. Its
 * arrays live on the manager given to {@link #create}; the caller closes that manager. Not thread safe.
 */
public final class JointModel {

    private static final int EVAL_BATCH = 64;

    private final BertEncoder encoder;
    private final Map<String, NDArray> heads;
    private final HeadDimensions dims;
    private final ParameterStore store;

    private JointModel(BertEncoder encoder, Map<String, NDArray> heads, HeadDimensions dims, NDManager manager) {
        this.encoder = encoder;
        this.heads = heads;
        this.dims = dims;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * The encoder from {@code encoderWeights} and the heads from {@code headStart}, or fresh heads
     * drawn from {@code random} when it is null.
     */
    public static JointModel create(NDManager manager, Map<String, Tensor> encoderWeights, HeadWeights headStart,
            HeadDimensions dims, Random random) {
        BertEncoder encoder = BertEncoder.of(BertConfig.MINILM_L6, encoderWeights, manager);
        Map<String, NDArray> heads = headStart == null ? HeadGraph.initialParameters(manager, dims, random)
                : HeadGraph.parameters(manager, headStart);
        return new JointModel(encoder, heads, dims, manager);
    }

    public HeadDimensions dims() {
        return dims;
    }

    /** Makes the heads and the top {@code encoderLayers} of the encoder trainable; returns the encoder's part. */
    List<Parameter> trainable(int encoderLayers) {
        heads.values().forEach(array -> array.setRequiresGradient(true));
        return encoder.trainTopLayers(encoderLayers);
    }

    Map<String, NDArray> headParameters() {
        return heads;
    }

    /** Topic and sentiment logits of a batch on {@code step}; {@code dropoutMask} null at inference. */
    NDList logits(NDManager step, List<long[]> ids, NDArray dropoutMask, boolean training) {
        NDList inputs = BertInputs.of(step, ids);
        NDArray hidden = encoder.forward(store, inputs, training).singletonOrThrow();
        return HeadGraph.forward(new HeadGraph.Inputs(hidden, inputs.get(2)), heads, dropoutMask);
    }

    /**
     * Most probable topic and sentiment of each text ({@code [topic, sentiment]}), in order. Texts run
     * in batches of similar length, since padding is most of the cost of a random batch.
     */
    public List<int[]> argMax(NDManager parent, List<long[]> ids) {
        int[] order = IntStream.range(0, ids.size()).boxed()
                .sorted(Comparator.comparingInt(i -> ids.get(i).length)).mapToInt(Integer::intValue).toArray();
        int[][] out = new int[ids.size()][];
        for (int from = 0; from < order.length; from += EVAL_BATCH) {
            int to = Math.min(order.length, from + EVAL_BATCH);
            List<long[]> chunk = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                chunk.add(ids.get(order[i]));
            }
            try (NDManager batch = parent.newSubManager()) {
                NDList logits = logits(batch, chunk, null, false);
                long[] topic = logits.get(0).argMax(1).toLongArray();
                long[] sentiment = logits.get(1).argMax(1).toLongArray();
                for (int i = from; i < to; i++) {
                    out[order[i]] = new int[] {(int) topic[i - from], (int) sentiment[i - from]};
                }
            }
        }
        return List.of(out);
    }

    /** Copies of the current weights: the encoder's by HuggingFace name and the heads. */
    public Snapshot snapshot() {
        return new Snapshot(encoder.weights(), HeadGraph.snapshot(heads, dims));
    }

    /** Weights of the whole model at one moment. */
    public record Snapshot(Map<String, Tensor> encoder, HeadWeights heads) {
        public Snapshot {
            encoder = Collections.unmodifiableMap(new LinkedHashMap<>(encoder));
        }
    }
}
