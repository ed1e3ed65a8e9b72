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

    /**
     * How far below the top layer the parameter of {@code name} (HuggingFace names) sits: 0 for the
     * top layer, {@code layers - 1} for the bottom one, {@code layers} for the embeddings; so that
     * learning rates can decay with depth.
     */
    public int depthBelowTop(String name) {
        String prefix = "encoder.layer.";
        if (name.startsWith(prefix)) {
            int end = name.indexOf('.', prefix.length());
            return config.layers() - 1 - Integer.parseInt(name.substring(prefix.length(), end));
        }
        if (name.startsWith("embeddings.")) {
            return config.layers();
        }
        throw new IllegalArgumentException("Not a parameter of the encoder: " + name);
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
        NDArray embedded = embeddings.forward(store, new NDList(inputs.get(0), inputs.get(1)), training)
                .singletonOrThrow();
        return new NDList(layers(store, embedded, inputs.get(2), 0, config.layers(), training));
    }

    /**
     * The embeddings and the bottom {@code count} layers at inference, over the inputs of
     * {@link BertInputs}: the hidden states {@code [B, T, hidden]} that layer {@code count} takes.
     * With {@link #upper} from {@code count} it equals the whole forward pass.
     */
    public NDArray lower(ParameterStore store, NDList inputs, int count) {
        checkLayer(count);
        NDArray embedded = embeddings.forward(store, new NDList(inputs.get(0), inputs.get(1)), false)
                .singletonOrThrow();
        return layers(store, embedded, inputs.get(2), 0, count, false);
    }

    /**
     * Layers {@code from} to the top over {@code hidden} ({@code [B, T, hidden]}, as {@link #lower}
     * gives it) with the real-token {@code mask} ({@code [B, T]}, 1 real, 0 padding).
     */
    public NDArray upper(ParameterStore store, NDArray hidden, NDArray mask, int from, boolean training) {
        checkLayer(from);
        return layers(store, hidden, mask, from, config.layers(), training);
    }

    private NDArray layers(ParameterStore store, NDArray hidden, NDArray mask, int from, int to, boolean training) {
        long batch = mask.getShape().get(0);
        long width = mask.getShape().get(1);
        NDArray maskBias = mask.sub(1f).mul(-MASKED).reshape(batch, 1, 1, width);
        NDArray out = hidden;
        for (int i = from; i < to; i++) {
            out = layers.get(i).forward(store, new NDList(out, maskBias), training).singletonOrThrow();
        }
        return out;
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer > config.layers()) {
            throw new IllegalArgumentException("Layer must be 0.." + config.layers() + ", was " + layer);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hidden())};
    }
}
