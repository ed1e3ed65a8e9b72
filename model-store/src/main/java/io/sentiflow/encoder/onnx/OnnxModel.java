package io.sentiflow.encoder.onnx;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX file read field by field with the protobuf runtime (no generated classes): the graph's
 * nodes, initializers, inputs and outputs, and two writers that copy every byte of the file they do
 * not change: one replaces the payloads of given initializers, the other appends nodes to the graph
 * ({@link #writeExtended}). Field numbers are those of onnx.proto ({@code ModelProto.graph = 7},
 * {@code GraphProto.node = 1, initializer = 5, input = 11, output = 12}, {@code ValueInfoProto.name = 1}).
 * Not thread safe to build; immutable afterwards.
 */
final class OnnxModel {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    /** Smaller raw initializers are copied into an extended graph rather than referred to. */
    private static final int EXTERNAL_MIN_BYTES = 1024;

    private final Path file;
    private final byte[] bytes;
    private final List<ProtoField> modelFields;
    private final List<ProtoField> graphFields;
    private final List<OnnxNode> nodes;
    private final Map<String, OnnxInitializer> initializers;

    private OnnxModel(Path file, byte[] bytes, List<ProtoField> modelFields, List<ProtoField> graphFields,
            List<OnnxNode> nodes, Map<String, OnnxInitializer> initializers) {
        this.file = file;
        this.bytes = bytes;
        this.modelFields = modelFields;
        this.graphFields = graphFields;
        this.nodes = nodes;
        this.initializers = initializers;
    }

    static OnnxModel read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<ProtoField> modelFields = ProtoField.scan(bytes, 0, bytes.length);
            ProtoField graph = modelFields.stream().filter(f -> f.number() == MODEL_GRAPH).findFirst()
                    .orElseThrow(() -> new IOException("no graph"));
            List<ProtoField> graphFields = graph.children(bytes);
            List<OnnxNode> nodes = new ArrayList<>();
            Map<String, OnnxInitializer> initializers = new LinkedHashMap<>();
            for (ProtoField field : graphFields) {
                if (field.number() == GRAPH_NODE) {
                    nodes.add(OnnxNode.parse(bytes, field));
                } else if (field.number() == GRAPH_INITIALIZER) {
                    OnnxInitializer init = OnnxInitializer.parse(bytes, field);
                    initializers.put(init.name(), init);
                }
            }
            return new OnnxModel(file.toAbsolutePath().normalize(), bytes, modelFields, graphFields, List.copyOf(nodes),
                    Collections.unmodifiableMap(initializers));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not an ONNX model this reader understands: " + e.getMessage(), e);
        }
    }

    List<OnnxNode> nodes() {
        return nodes;
    }

    /** Names of the graph's inputs (initializers listed as inputs included), in order. */
    List<String> inputNames() throws IOException {
        return valueNames(GRAPH_INPUT);
    }

    /** Names of the graph's outputs, in order. */
    List<String> outputNames() throws IOException {
        return valueNames(GRAPH_OUTPUT);
    }

    private List<String> valueNames(int number) throws IOException {
        List<String> names = new ArrayList<>();
        for (ProtoField field : graphFields) {
            if (field.number() == number) {
                for (ProtoField f : field.children(bytes)) {
                    if (f.number() == VALUE_INFO_NAME) {
                        names.add(f.string(bytes));
                    }
                }
            }
        }
        return names;
    }

    Map<String, OnnxInitializer> initializers() {
        return initializers;
    }

    OnnxInitializer initializer(String name) throws IOException {
        OnnxInitializer init = initializers.get(name);
        if (init == null) {
            throw new IOException("The graph has no initializer " + name);
        }
        return init;
    }

    float[] floats(String name) throws IOException {
        return initializer(name).floats(bytes);
    }

    byte[] rawBytes(String name) throws IOException {
        return initializer(name).bytesOf(bytes);
    }

    /** The stored payload of an initializer's values field, whatever its type (little-endian for floats). */
    byte[] payload(String name) throws IOException {
        ProtoField data = initializer(name).data();
        return Arrays.copyOfRange(bytes, data.payloadStart(), data.end());
    }

    /**
     * Writes a copy of this file to {@code target} (atomically, through a temporary file beside it)
     * in which each named initializer holds the given little-endian bytes as {@code raw_data}; every
     * other byte is copied as it is.
     */
    void writeReplacing(Map<String, byte[]> rawData, Path target) throws IOException {
        for (Map.Entry<String, byte[]> entry : rawData.entrySet()) {
            OnnxInitializer init = initializer(entry.getKey());
            int width = init.dataType() == OnnxInitializer.FLOAT ? 4 : 1;
            if (entry.getValue().length != (long) width * init.size()) {
                throw new IllegalArgumentException("Replacement for " + init.name() + " has " + entry.getValue().length
                        + " bytes, the initializer holds " + width * (long) init.size());
            }
        }
        Map<Integer, OnnxInitializer> byStart = initializersByStart();
        ByteArrayOutputStream graph = new ByteArrayOutputStream(bytes.length);
        for (ProtoField field : graphFields) {
            OnnxInitializer init = field.number() == GRAPH_INITIALIZER ? byStart.get(field.start()) : null;
            if (init != null && rawData.containsKey(init.name())) {
                writeMessage(graph, GRAPH_INITIALIZER, tensorWithData(init, rawData.get(init.name())));
            } else {
                graph.write(bytes, field.start(), field.end() - field.start());
            }
        }
        writeWithGraph(graph, target);
    }

    /**
     * Writes (atomically) a graph that runs this one and then {@code extension}: every field of this
     * file is kept except the graph's outputs, which become the extension's, and the initializers
     * stored as raw data of at least {@value #EXTERNAL_MIN_BYTES} bytes, which become references to
     * the same bytes in this file (ONNX external data, location = this file's name). The target must
     * therefore lie in this file's directory; it holds the graph and the extension's weights only, and
     * needs this file beside it to run.
     */
    void writeExtended(GraphExtension extension, Path target) throws IOException {
        if (!file.getParent().equals(target.toAbsolutePath().normalize().getParent())) {
            throw new IllegalArgumentException("An extended graph refers to " + file.getFileName()
                    + " by name and must be written beside it, not to " + target);
        }
        Map<Integer, OnnxInitializer> byStart = initializersByStart();
        String location = file.getFileName().toString();
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        for (ProtoField field : graphFields) {
            OnnxInitializer init = field.number() == GRAPH_INITIALIZER ? byStart.get(field.start()) : null;
            if (init != null && init.isRaw() && init.data().payloadLength() >= EXTERNAL_MIN_BYTES) {
                writeMessage(graph, GRAPH_INITIALIZER, init.encodeAsExternal(bytes, location));
            } else if (field.number() != GRAPH_OUTPUT) {
                graph.write(bytes, field.start(), field.end() - field.start());
            }
        }
        for (OnnxNode node : extension.nodes()) {
            writeMessage(graph, GRAPH_NODE, node.encode());
        }
        for (byte[] initializer : extension.initializers()) {
            writeMessage(graph, GRAPH_INITIALIZER, initializer);
        }
        for (byte[] output : extension.outputs()) {
            writeMessage(graph, GRAPH_OUTPUT, output);
        }
        writeWithGraph(graph, target);
    }

    private Map<Integer, OnnxInitializer> initializersByStart() {
        Map<Integer, OnnxInitializer> byStart = new HashMap<>();
        initializers.values().forEach(init -> byStart.put(init.field().start(), init));
        return byStart;
    }

    /** This file's model fields with {@code graph} as the graph, to a temporary file renamed to {@code target}. */
    private void writeWithGraph(ByteArrayOutputStream graph, Path target) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                for (ProtoField field : modelFields) {
                    if (field.number() == MODEL_GRAPH) {
                        writeHeader(out, MODEL_GRAPH, graph.size());
                        graph.writeTo(out); // not toByteArray: the graph is the whole file, 90 MB for fp32
                    } else {
                        out.write(bytes, field.start(), field.end() - field.start());
                    }
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The tensor's own fields in their order, its data field replaced by {@code raw_data}. */
    private byte[] tensorWithData(OnnxInitializer init, byte[] raw) throws IOException {
        ByteArrayOutputStream tensor = new ByteArrayOutputStream(raw.length + 256);
        for (ProtoField f : init.field().children(bytes)) {
            if (f.start() == init.data().start()) {
                writeMessage(tensor, OnnxInitializer.TENSOR_RAW_DATA, raw);
            } else {
                tensor.write(bytes, f.start(), f.end() - f.start());
            }
        }
        return tensor.toByteArray();
    }

    private static void writeMessage(OutputStream out, int number, byte[] payload) throws IOException {
        writeHeader(out, number, payload.length);
        out.write(payload);
    }

    /** Tag and length of a length-delimited field. */
    private static void writeHeader(OutputStream out, int number, int length) throws IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        coded.writeUInt32NoTag(length);
        coded.flush();
    }
}
