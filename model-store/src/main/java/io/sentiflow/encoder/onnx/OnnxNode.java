package io.sentiflow.encoder.onnx;

import java.util.List;

/** A node of an ONNX graph: its name, operator and the names of the values it reads and writes. */
record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {

    OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
