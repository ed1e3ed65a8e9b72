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
 * pooling, shared adapter, both heads), the graph that frozen training trains and Java serves. Given a
 * {@link FrozenLayerCache}, examples enter at its first trainable layer with the cached outputs of
 * the frozen ones; otherwise they run through the whole encoder. Its arrays live on the manager given
 * to {@link #create}; the caller closes that manager. Not thread safe.
 */
public final class JointModel {

    private static final int EVAL_BATCH = 64;

    private final BertEncoder encoder;
    private final Map<String, NDArray> heads;
    private final HeadDimensions dims;
    private final ParameterStore store;
    private final FrozenLayerCache frozen;

    private JointModel(BertEncoder encoder, Map<String, NDArray> heads, HeadDimensions dims, NDManager manager,
            FrozenLayerCache frozen) {
        this.encoder = encoder;
        this.heads = heads;
        this.dims = dims;
        this.store = new ParameterStore(manager, false);
        this.frozen = frozen;
    }

    /**
     * The encoder from {@code encoderWeights} and the heads from {@code headStart}, or fresh heads
     * drawn from {@code random} when it is null.
     */
    public static JointModel create(NDManager manager, Map<String, Tensor> encoderWeights, HeadWeights headStart,
            HeadDimensions dims, Random random) {
        return create(manager, encoderWeights, headStart, dims, random, null);
    }

    /**
     * As {@link #create(NDManager, Map, HeadWeights, HeadDimensions, Random)}, examples entering above
     * the layers of {@code frozen} (null: through the whole encoder); {@code frozen} must hold the
     * outputs of {@code encoderWeights}' bottom layers for every example this model will see.
     */
    static JointModel create(NDManager manager, Map<String, Tensor> encoderWeights, HeadWeights headStart,
            HeadDimensions dims, Random random, FrozenLayerCache frozen) {
        BertEncoder encoder = BertEncoder.of(BertConfig.MINILM_L6, encoderWeights, manager);
        Map<String, NDArray> heads = headStart == null ? HeadGraph.initialParameters(manager, dims, random)
                : HeadGraph.parameters(manager, headStart);
        return new JointModel(encoder, heads, dims, manager, frozen);
    }

    public HeadDimensions dims() {
        return dims;
    }

    /**
     * Makes the heads and the top {@code encoderLayers} of the encoder trainable; returns the encoder's
     * part. With a frozen-layer cache those must be exactly the layers above it.
     */
    List<Parameter> trainable(int encoderLayers) {
        if (frozen != null && frozen.layers() + encoderLayers != encoder.config().layers()) {
            throw new IllegalArgumentException(encoderLayers + " trainable layers above " + frozen.layers()
                    + " cached ones; the encoder has " + encoder.config().layers());
        }
        heads.values().forEach(array -> array.setRequiresGradient(true));
        return encoder.trainTopLayers(encoderLayers);
    }

    /** How deep below the encoder's top layer the parameter of {@code name} sits (see {@link BertEncoder}). */
    int depthBelowTop(String name) {
        return encoder.depthBelowTop(name);
    }

    Map<String, NDArray> headParameters() {
        return heads;
    }

    /** Topic and sentiment logits of a batch through the whole encoder; {@code dropoutMask} null at inference. */
    NDList logits(NDManager step, List<long[]> ids, NDArray dropoutMask, boolean training) {
        NDList inputs = BertInputs.of(step, ids);
        NDArray hidden = encoder.forward(store, inputs, training).singletonOrThrow();
        return HeadGraph.forward(new HeadGraph.Inputs(hidden, inputs.get(2)), heads, dropoutMask);
    }

    /** As {@link #logits}, from the frozen layers' cached outputs when this model has them. */
    NDList logitsOf(NDManager step, List<TokenizedExample> batch, NDArray dropoutMask, boolean training) {
        List<long[]> ids = batch.stream().map(TokenizedExample::ids).toList();
        if (frozen == null) {
            return logits(step, ids, dropoutMask, training);
        }
        HeadGraph.Inputs lower = HeadGraph.inputs(step, frozen.outputs(ids));
        NDArray hidden = encoder.upper(store, lower.tokens(), lower.mask(), frozen.layers(), training);
        return HeadGraph.forward(new HeadGraph.Inputs(hidden, lower.mask()), heads, dropoutMask);
    }

    /**
     * Most probable topic and sentiment of each text ({@code [topic, sentiment]}), in order. Texts run
     * in batches of similar length, since padding is most of the cost of a random batch.
     */
    public List<int[]> argMax(NDManager parent, List<TokenizedExample> examples) {
        int[] order = IntStream.range(0, examples.size()).boxed()
                .sorted(Comparator.comparingInt(i -> examples.get(i).ids().length)).mapToInt(Integer::intValue)
                .toArray();
        int[][] out = new int[examples.size()][];
        for (int from = 0; from < order.length; from += EVAL_BATCH) {
            int to = Math.min(order.length, from + EVAL_BATCH);
            List<TokenizedExample> chunk = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                chunk.add(examples.get(order[i]));
            }
            try (NDManager batch = parent.newSubManager()) {
                NDList logits = logitsOf(batch, chunk, null, false);
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
