package io.sentiflow.encoder.onnx;

import io.sentiflow.model.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the pretrained encoder's weights out of its fp32 ONNX file, by their HuggingFace names.
 *
 * <p>Biases, LayerNorms and embedding tables are initializers under their HuggingFace names already
 * ({@code encoder.layer.0.attention.self.query.bias}). The exporter renamed the linear layers' weight
 * matrices to {@code onnx::MatMul_NNN}; each gets the HuggingFace name of the layer whose MatMul node
 * reads it ({@code /encoder/layer.0/attention/self/query/MatMul} gives
 * {@code encoder.layer.0.attention.self.query.weight}). <b>These matrices keep ONNX's {@code [in, out]}
 * layout</b> ({@code x · W}), the transpose of PyTorch's {@code nn.Linear.weight} ({@code [out, in]}).
 * Integer constants such as {@code embeddings.position_ids} are not weights and are left out.
 *
 * <p>Stateless; thread safe.
 */
public final class OnnxWeights {

    static final String FP32_MATMUL = "MatMul";
    static final String INT8_MATMUL = "MatMulInteger";

    private OnnxWeights() {}

    /**
     * Every fp32 weight of {@code onnxFile} by HuggingFace name, in the file's order.
     *
     * @throws IOException if the file cannot be read or is not an ONNX model with inline fp32 weights
     */
    public static Map<String, Tensor> readFp32(Path onnxFile) throws IOException {
        OnnxModel model = OnnxModel.read(onnxFile);
        Map<String, String> matMulNames = invert(matMulWeights(model, FP32_MATMUL));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (OnnxInitializer init : model.initializers().values()) {
            if (init.dataType() != OnnxInitializer.FLOAT) {
                continue;
            }
            String name = matMulNames.getOrDefault(init.name(), init.name());
            if (!name.startsWith("onnx::")) {
                weights.put(name, new Tensor(name, init.dims(), model.floats(init.name())));
            }
        }
        return Collections.unmodifiableMap(weights);
    }

    /**
     * HuggingFace weight name to the initializer that the {@code opType} node of that layer reads as
     * its second input (the weight matrix), e.g. {@code encoder.layer.0.attention.self.query.weight}
     * to {@code onnx::MatMul_787} (fp32) or {@code onnx::MatMul_787_quantized} (int8).
     */
    static Map<String, String> matMulWeights(OnnxModel model, String opType) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OnnxNode node : model.nodes()) {
            if (node.opType().equals(opType) && node.inputs().size() > 1
                    && model.initializers().containsKey(node.inputs().get(1))) {
                out.put(layerName(node.name()) + ".weight", node.inputs().get(1));
            }
        }
        return out;
    }

    /** {@code /encoder/layer.0/attention/self/query/MatMul_quant} to {@code encoder.layer.0.attention.self.query}. */
    private static String layerName(String nodeName) {
        String path = nodeName.startsWith("/") ? nodeName.substring(1) : nodeName;
        int last = path.lastIndexOf('/');
        return (last < 0 ? path : path.substring(0, last)).replace('/', '.');
    }

    private static Map<String, String> invert(Map<String, String> map) {
        Map<String, String> out = new HashMap<>();
        map.forEach((key, value) -> out.put(value, key));
        return out;
    }
}
