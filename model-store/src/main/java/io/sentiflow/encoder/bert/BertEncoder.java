package io.sentiflow.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.sentiflow.model.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder as DJL blocks for the PyTorch engine, trainable: embeddings, then
 * {@link BertConfig#layers()} {@link BertLayer}s. Input {@code (ids [B, T], typeIds [B, T],
 * mask [B, T])} (see {@link BertInputs}); output the per-token hidden states {@code [B, T, hidden]},
 * the ONNX graph's {@code last_hidden_state} (padding positions hold values nobody should read).
 *
 * <p>Parameters carry HuggingFace names and keep the ONNX file's {@code [in, out]} layout for
 * matrices, so {@link #weights()} feeds the ONNX writers directly. Their arrays live on the manager
 * given to {@link #of}; its owner closes it. Not thread safe.
 */
public final class BertEncoder extends LoadedBlock {

    /** Added to the attention scores of padding; exp(-1e4) is 0 in float, as in the ONNX graph. */
    private static final float MASKED = -1e4f;

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();

    private BertEncoder(BertWeights weights, BertConfig config) {
        this.config = config;
        this.embeddings = addChildBlock("embeddings", new BertEmbeddings(weights, config));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new BertLayer(weights, config, i)));
        }
    }

    /**
     * The encoder with {@code weights} (HuggingFace names, MatMul weights {@code [in, out]}) copied
     * onto {@code manager}; every parameter starts frozen (see {@link #trainTopLayers}).
     *
     * @throws IllegalArgumentException naming a missing or misshapen tensor
     */
    public static BertEncoder of(BertConfig config, Map<String, Tensor> weights, NDManager manager) {
        return new BertEncoder(new BertWeights(weights, manager), config);
    }

    public BertConfig config() {
        return config;
    }

    /**
     * Makes the top {@code count} layers trainable and freezes the rest; {@code count} equal to the
     * number of layers also trains the embeddings (full fine-tuning). Frozen layers below the lowest
     * trainable one are left out of the backward pass by PyTorch's autograd, so fewer layers also
     * train faster.
     *
     * @return the trainable parameters
     */
    public List<Parameter> trainTopLayers(int count) {
        if (count < 0 || count > config.layers()) {
            throw new IllegalArgumentException("Trainable layers must be 0.." + config.layers() + ", was " + count);
        }
        List<Parameter> trainable = new ArrayList<>();
        setTrainable(embeddings, count == config.layers(), trainable);
        for (int i = 0; i < layers.size(); i++) {
            setTrainable(layers.get(i), i >= config.layers() - count, trainable);
        }
        return trainable;
    }

    private static void setTrainable(AbstractBlock block, boolean trainable, List<Parameter> collected) {
        for (Parameter parameter : block.getParameters().values()) {
            parameter.getArray().setRequiresGradient(trainable);
            if (trainable) {
                collected.add(parameter);
            }
        }
    }

    /** Current weights by HuggingFace name (copies), MatMul weights {@code [in, out]}. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Parameter parameter : getParameters().values()) {
            NDArray array = parameter.getArray();
            long[] shape = array.getShape().getShape();
            int[] dims = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = (int) shape[i];
            }
            out.put(parameter.getName(), new Tensor(parameter.getName(), dims, array.toFloatArray()));
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray mask = inputs.get(2);
        long batch = mask.getShape().get(0);
        long width = mask.getShape().get(1);
        NDArray maskBias = mask.sub(1f).mul(-MASKED).reshape(batch, 1, 1, width);
        NDArray hidden = embeddings.forward(store, new NDList(inputs.get(0), inputs.get(1)), training)
                .singletonOrThrow();
        for (BertLayer layer : layers) {
            hidden = layer.forward(store, new NDList(hidden, maskBias), training).singletonOrThrow();
        }
        return new NDList(hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hidden())};
    }
}
