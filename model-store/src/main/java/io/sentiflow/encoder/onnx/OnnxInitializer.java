package io.sentiflow.encoder.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * An initializer (a constant tensor) of an ONNX graph, decoded lazily from the file's bytes.
 *
 * @param field the whole {@code TensorProto} field inside the graph
 * @param data the field holding the values ({@code raw_data}, or packed {@code float_data} / {@code int32_data})
 */
record OnnxInitializer(String name, int[] dims, int dataType, ProtoField field, ProtoField data) {

    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT64 = 7;

    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_INT32_DATA = 5;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_EXTERNAL_DATA = 13;
    static final int TENSOR_DATA_LOCATION = 14;
    private static final int LOCATION_EXTERNAL = 1;
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;

    OnnxInitializer {
        dims = dims.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    int size() {
        return Arrays.stream(dims).reduce(1, Math::multiplyExact);
    }

    /** Parses one {@code TensorProto} field of a graph. */
    static OnnxInitializer parse(byte[] bytes, ProtoField field) throws IOException {
        String name = null;
        int dataType = 0;
        List<Integer> dims = new java.util.ArrayList<>();
        ProtoField data = null;
        for (ProtoField f : field.children(bytes)) {
            switch (f.number()) {
                case TENSOR_NAME -> name = f.string(bytes);
                case TENSOR_DATA_TYPE -> dataType = (int) f.varint(bytes);
                case TENSOR_DIMS -> dims.addAll(dims(bytes, f));
                case TENSOR_RAW_DATA, TENSOR_FLOAT_DATA, TENSOR_INT32_DATA -> data = f;
                default -> { } // doc strings, external data markers: copied verbatim, never read
            }
        }
        if (name == null || data == null) {
            throw new IOException("Initializer at byte " + field.start() + " (" + name + ") has no name or no inline data");
        }
        return new OnnxInitializer(name, dims.stream().mapToInt(Integer::intValue).toArray(), dataType, field, data);
    }

    private static List<Integer> dims(byte[] bytes, ProtoField f) throws IOException {
        if (!f.isLengthDelimited()) {
            return List.of(Math.toIntExact(f.varint(bytes)));
        }
        var in = com.google.protobuf.CodedInputStream.newInstance(bytes, f.payloadStart(), f.payloadLength());
        List<Integer> out = new java.util.ArrayList<>();
        while (!in.isAtEnd()) {
            out.add(Math.toIntExact(in.readInt64()));
        }
        return out;
    }

    /** The values of a FLOAT tensor, row-major. */
    float[] floats(byte[] bytes) throws IOException {
        requireType(FLOAT);
        float[] out = new float[size()];
        ByteBuffer buffer = ByteBuffer.wrap(bytes, data.payloadStart(), data.payloadLength()).order(ByteOrder.LITTLE_ENDIAN);
        if (data.payloadLength() != 4L * out.length || !data.isLengthDelimited()) {
            throw new IOException("Initializer " + name + " holds " + data.payloadLength() + " bytes for " + out.length + " floats");
        }
        buffer.asFloatBuffer().get(out);
        return out;
    }

    /**
     * The values of an INT8 or UINT8 tensor, one byte each (read UINT8 with {@code & 0xff}), whether
     * stored as {@code raw_data} or as packed {@code int32_data} (as small per-channel zero points are).
     */
    byte[] bytesOf(byte[] bytes) throws IOException {
        if (dataType != INT8 && dataType != UINT8) {
            throw new IOException("Initializer " + name + " has ONNX data type " + dataType + ", not int8 or uint8");
        }
        byte[] out;
        if (data.number() == TENSOR_RAW_DATA) {
            out = Arrays.copyOfRange(bytes, data.payloadStart(), data.end());
        } else if (data.number() == TENSOR_INT32_DATA && !data.isLengthDelimited()) {
            out = new byte[] {(byte) data.varint(bytes)};
        } else if (data.number() == TENSOR_INT32_DATA) {
            var in = com.google.protobuf.CodedInputStream.newInstance(bytes, data.payloadStart(), data.payloadLength());
            var values = new java.io.ByteArrayOutputStream();
            while (!in.isAtEnd()) {
                values.write(in.readInt32());
            }
            out = values.toByteArray();
        } else {
            throw new IOException("Initializer " + name + " holds its values in field " + data.number());
        }
        if (out.length != size()) {
            throw new IOException("Initializer " + name + " holds " + out.length + " values for " + size());
        }
        return out;
    }

    /** Whether the values are stored as {@code raw_data} (the bytes a file can point at). */
    boolean isRaw() {
        return data.number() == TENSOR_RAW_DATA;
    }

    /**
     * This {@code TensorProto} with its {@code raw_data} replaced by a reference to the same bytes where
     * they lie in the file it was read from ({@code location}, relative to the directory of the graph
     * that will hold this tensor): ONNX external data, so a graph can share another file's weights.
     */
    byte[] encodeAsExternal(byte[] fileBytes, String location) throws IOException {
        if (!isRaw()) {
            throw new IOException("Initializer " + name + " holds no raw_data to refer to");
        }
        List<ProtoField> fields = field.children(fileBytes);
        return ProtoField.message(out -> {
            for (ProtoField f : fields) {
                if (f.start() != data.start()) {
                    out.writeRawBytes(fileBytes, f.start(), f.end() - f.start());
                }
            }
            out.writeByteArray(TENSOR_EXTERNAL_DATA, entry("location", location));
            out.writeByteArray(TENSOR_EXTERNAL_DATA, entry("offset", Integer.toString(data.payloadStart())));
            out.writeByteArray(TENSOR_EXTERNAL_DATA, entry("length", Integer.toString(data.payloadLength())));
            out.writeEnum(TENSOR_DATA_LOCATION, LOCATION_EXTERNAL);
        });
    }

    private static byte[] entry(String key, String value) {
        return ProtoField.message(out -> {
            out.writeString(ENTRY_KEY, key);
            out.writeString(ENTRY_VALUE, value);
        });
    }

    /** A new FLOAT {@code TensorProto} (no dims: a scalar), values as little-endian {@code raw_data}. */
    static byte[] encodeFloats(String name, int[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return encode(name, FLOAT, Arrays.stream(dims).asLongStream().toArray(), raw.array());
    }

    /** A new one-dimensional INT64 {@code TensorProto}, as Reshape's target shape. */
    static byte[] encodeInt64s(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return encode(name, INT64, new long[] {values.length}, raw.array());
    }

    private static byte[] encode(String name, int dataType, long[] dims, byte[] raw) {
        return ProtoField.message(out -> {
            for (long dim : dims) {
                out.writeInt64(TENSOR_DIMS, dim);
            }
            out.writeInt32(TENSOR_DATA_TYPE, dataType);
            out.writeString(TENSOR_NAME, name);
            out.writeByteArray(TENSOR_RAW_DATA, raw);
        });
    }

    void requireType(int expected) throws IOException {
        if (dataType != expected) {
            throw new IOException("Initializer " + name + " has ONNX data type " + dataType + ", expected " + expected);
        }
    }
}
