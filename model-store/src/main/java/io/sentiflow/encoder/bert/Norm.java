package io.sentiflow.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** BERT's LayerNorm over the last axis ({@code prefix.weight} = gamma, {@code prefix.bias} = beta). */
final class Norm extends LoadedBlock {

    private final Parameter gamma;
    private final Parameter beta;
    private final Shape normalized;
    private final float epsilon;

    Norm(BertWeights weights, String prefix, int width, float epsilon) {
        this.gamma = addParameter(weights.parameter(prefix + ".weight", Parameter.Type.GAMMA, width));
        this.beta = addParameter(weights.parameter(prefix + ".bias", Parameter.Type.BETA, width));
        this.normalized = new Shape(width);
        this.epsilon = epsilon;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return LayerNorm.layerNorm(x, normalized, store.getValue(gamma, x.getDevice(), training),
                store.getValue(beta, x.getDevice(), training), epsilon);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
