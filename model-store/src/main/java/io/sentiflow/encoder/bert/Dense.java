package io.sentiflow.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code x W + b} with {@code W} stored {@code [in, out]}, the layout of the ONNX file's MatMul
 * weights, so loading and exporting need no transposes (DJL's Linear keeps PyTorch's {@code [out, in]}).
 */
final class Dense extends LoadedBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final int outputs;

    Dense(BertWeights weights, String prefix, int inputs, int outputs) {
        this.weight = addParameter(weights.parameter(prefix + ".weight", Parameter.Type.WEIGHT, inputs, outputs));
        this.bias = addParameter(weights.parameter(prefix + ".bias", Parameter.Type.BIAS, outputs));
        this.outputs = outputs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return new NDList(x.matMul(w).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outputs)};
    }
}
