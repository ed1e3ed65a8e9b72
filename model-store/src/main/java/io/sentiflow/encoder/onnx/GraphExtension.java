package io.sentiflow.encoder.onnx;

import java.util.List;

/**
 * What {@link OnnxModel#writeExtended} appends to a graph: nodes (in topological order, after the
 * graph's own), their constant inputs as encoded {@code TensorProto}s
 * ({@link OnnxInitializer#encodeFloats}, {@link OnnxInitializer#encodeInt64s}) and the outputs that
 * replace the graph's, as encoded {@code ValueInfoProto}s ({@link #floatMatrixOutput}).
 */
record GraphExtension(List<OnnxNode> nodes, List<byte[]> initializers, List<byte[]> outputs) {

    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_ELEM_TYPE = 1;
    private static final int TENSOR_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    GraphExtension {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        outputs = List.copyOf(outputs);
    }

    /** A FLOAT output of shape {@code [rows, columns]}, {@code rows} named (dynamic), {@code columns} fixed. */
    static byte[] floatMatrixOutput(String name, String rows, long columns) {
        byte[] shape = ProtoField.message(out -> {
            out.writeByteArray(SHAPE_DIM, ProtoField.message(dim -> dim.writeString(DIM_PARAM, rows)));
            out.writeByteArray(SHAPE_DIM, ProtoField.message(dim -> dim.writeInt64(DIM_VALUE, columns)));
        });
        byte[] tensor = ProtoField.message(out -> {
            out.writeInt32(TENSOR_ELEM_TYPE, OnnxInitializer.FLOAT);
            out.writeByteArray(TENSOR_SHAPE, shape);
        });
        return ProtoField.message(out -> {
            out.writeString(VALUE_NAME, name);
            out.writeByteArray(VALUE_TYPE, ProtoField.message(type -> type.writeByteArray(TYPE_TENSOR, tensor)));
        });
    }
}
