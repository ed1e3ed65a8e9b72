package io.sentiflow.encoder.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of an ONNX graph: its name, operator, the names of the values it reads and writes, and its
 * integer attributes ({@link OnnxAttribute}). Read from a file by {@link #parse}, or made by
 * {@link #of} and written by {@link #encode}.
 */
record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
        List<OnnxAttribute> attributes) {

    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int NAME = 3;
    private static final int OP_TYPE = 4;
    private static final int ATTRIBUTE = 5;

    OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    /** A node of the default ONNX domain with one output. */
    static OnnxNode of(String name, String opType, List<String> inputs, String output, OnnxAttribute... attributes) {
        return new OnnxNode(name, opType, inputs, List.of(output), List.of(attributes));
    }

    /** Parses one {@code NodeProto} field of a graph. */
    static OnnxNode parse(byte[] bytes, ProtoField field) throws IOException {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<OnnxAttribute> attributes = new ArrayList<>();
        for (ProtoField f : field.children(bytes)) {
            switch (f.number()) {
                case INPUT -> inputs.add(f.string(bytes));
                case OUTPUT -> outputs.add(f.string(bytes));
                case NAME -> name = f.string(bytes);
                case OP_TYPE -> opType = f.string(bytes);
                case ATTRIBUTE -> OnnxAttribute.parse(bytes, f).ifPresent(attributes::add);
                default -> { } // domain, doc string
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    /** The {@code NodeProto} bytes (default domain). */
    byte[] encode() {
        return ProtoField.message(out -> {
            for (String input : inputs) {
                out.writeString(INPUT, input);
            }
            for (String output : outputs) {
                out.writeString(OUTPUT, output);
            }
            out.writeString(NAME, name);
            out.writeString(OP_TYPE, opType);
            for (OnnxAttribute attribute : attributes) {
                out.writeByteArray(ATTRIBUTE, attribute.encode());
            }
        });
    }
}
