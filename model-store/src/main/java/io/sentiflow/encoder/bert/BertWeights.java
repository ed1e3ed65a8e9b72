package io.sentiflow.encoder.bert;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.sentiflow.model.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Pretrained tensors by HuggingFace name, turned into DJL parameters on {@code manager} as the
 * blocks ask for them. Every shape is checked against the configuration, so a file of another
 * model fails at construction with the tensor's name, not later inside a matMul.
 */
final class BertWeights {

    private final Map<String, Tensor> tensors;
    private final NDManager manager;

    BertWeights(Map<String, Tensor> tensors, NDManager manager) {
        this.tensors = tensors;
        this.manager = manager;
    }

    Parameter parameter(String name, Parameter.Type type, int... expectedShape) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("Encoder weights lack " + name);
        }
        if (!Arrays.equals(tensor.shape(), expectedShape)) {
            throw new IllegalArgumentException("Encoder weight " + name + " has shape " + Arrays.toString(tensor.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        long[] shape = Arrays.stream(expectedShape).asLongStream().toArray();
        return Parameter.builder().setName(name).setType(type)
                .optArray(manager.create(tensor.data(), new Shape(shape))).build();
    }
}
