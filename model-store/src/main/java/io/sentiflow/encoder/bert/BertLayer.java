package io.sentiflow.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One BERT layer, post-LayerNorm: multi-head self-attention with the mask's bias added to the
 * scores, residual + LayerNorm, GELU (erf) feed-forward, residual + LayerNorm. Input
 * {@code (hidden [B, T, H], maskBias [B, 1, 1, T])}; output {@code [B, T, H]}. Parameter names are
 * HuggingFace's ({@code encoder.layer.N.attention.self.query.weight}, ...).
 */
final class BertLayer extends LoadedBlock {

    private final BertConfig config;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense attentionOutput;
    private final Norm attentionNorm;
    private final Dense intermediate;
    private final Dense output;
    private final Norm outputNorm;

    BertLayer(BertWeights weights, BertConfig config, int index) {
        this.config = config;
        String prefix = "encoder.layer." + index + ".";
        int h = config.hidden();
        float eps = config.layerNormEpsilon();
        query = addChildBlock("query", new Dense(weights, prefix + "attention.self.query", h, h));
        key = addChildBlock("key", new Dense(weights, prefix + "attention.self.key", h, h));
        value = addChildBlock("value", new Dense(weights, prefix + "attention.self.value", h, h));
        attentionOutput = addChildBlock("attentionOutput", new Dense(weights, prefix + "attention.output.dense", h, h));
        attentionNorm = addChildBlock("attentionNorm", new Norm(weights, prefix + "attention.output.LayerNorm", h, eps));
        intermediate = addChildBlock("intermediate", new Dense(weights, prefix + "intermediate.dense", h,
                config.intermediate()));
        output = addChildBlock("output", new Dense(weights, prefix + "output.dense", config.intermediate(), h));
        outputNorm = addChildBlock("outputNorm", new Norm(weights, prefix + "output.LayerNorm", h, eps));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray maskBias = inputs.get(1);
        NDArray context = attention(store, x, maskBias, training);
        NDArray attended = attentionNorm.forward(store,
                new NDList(apply(attentionOutput, store, context, training).add(x)), training).singletonOrThrow();
        NDArray inner = Activation.gelu(apply(intermediate, store, attended, training));
        return outputNorm.forward(store, new NDList(apply(output, store, inner, training).add(attended)), training);
    }

    private NDArray attention(ParameterStore store, NDArray x, NDArray maskBias, boolean training) {
        long batch = x.getShape().get(0);
        long width = x.getShape().get(1);
        NDArray q = heads(apply(query, store, x, training), batch, width);
        NDArray k = heads(apply(key, store, x, training), batch, width);
        NDArray v = heads(apply(value, store, x, training), batch, width);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(config.headSize())).add(maskBias);
        NDArray context = scores.softmax(-1).matMul(v);
        return context.transpose(0, 2, 1, 3).reshape(batch, width, config.hidden());
    }

    /** {@code [B, T, H]} to {@code [B, heads, T, headSize]}. */
    private NDArray heads(NDArray x, long batch, long width) {
        return x.reshape(batch, width, config.heads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    private static NDArray apply(Dense dense, ParameterStore store, NDArray x, boolean training) {
        return dense.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
