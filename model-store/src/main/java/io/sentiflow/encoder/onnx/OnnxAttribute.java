package io.sentiflow.encoder.onnx;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * An integer attribute of an ONNX node ({@code AttributeProto} of type INT or INTS): the only kinds
 * the serving graph writes (Cast's {@code to}, Softmax's {@code axis}, Transpose's {@code perm}).
 * A read node lists only its attributes of these kinds; the others stay in the file's bytes, which a
 * writer copies as they are.
 *
 * @param list true for INTS (a list, even of one value), false for INT (exactly one value)
 */
record OnnxAttribute(String name, boolean list, long[] values) {

    private static final int NAME = 1;
    private static final int INT = 3;
    private static final int INTS = 8;
    private static final int TYPE = 20;
    private static final int TYPE_INT = 2;
    private static final int TYPE_INTS = 7;

    OnnxAttribute {
        values = values.clone();
        if (!list && values.length != 1) {
            throw new IllegalArgumentException("INT attribute " + name + " needs one value, has " + values.length);
        }
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    static OnnxAttribute of(String name, long value) {
        return new OnnxAttribute(name, false, new long[] {value});
    }

    static OnnxAttribute ofList(String name, long... values) {
        return new OnnxAttribute(name, true, values);
    }

    /** The attribute in {@code field} (an {@code AttributeProto}), or empty when it is of another kind. */
    static Optional<OnnxAttribute> parse(byte[] bytes, ProtoField field) throws IOException {
        String name = null;
        long type = 0;
        LongStream.Builder values = LongStream.builder();
        for (ProtoField f : field.children(bytes)) {
            switch (f.number()) {
                case NAME -> name = f.string(bytes);
                case TYPE -> type = f.varint(bytes);
                case INT -> values.add(f.varint(bytes));
                case INTS -> addInts(values, f, bytes);
                default -> { } // floats, strings, tensors, graphs: not an integer attribute
            }
        }
        if (type != TYPE_INT && type != TYPE_INTS) {
            return Optional.empty();
        }
        return Optional.of(new OnnxAttribute(name, type == TYPE_INTS, values.build().toArray()));
    }

    /** INTS values come one per field or packed into one length-delimited field. */
    private static void addInts(LongStream.Builder values, ProtoField f, byte[] bytes) throws IOException {
        if (!f.isLengthDelimited()) {
            values.add(f.varint(bytes));
            return;
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes, f.payloadStart(), f.payloadLength());
        while (!in.isAtEnd()) {
            values.add(in.readInt64());
        }
    }

    /** The {@code AttributeProto} bytes. */
    byte[] encode() {
        return ProtoField.message(out -> {
            out.writeString(NAME, name);
            if (list) {
                for (long value : values) {
                    out.writeInt64(INTS, value);
                }
                out.writeEnum(TYPE, TYPE_INTS);
            } else {
                out.writeInt64(INT, values[0]);
                out.writeEnum(TYPE, TYPE_INT);
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnnxAttribute that && name.equals(that.name) && list == that.list
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + "=" + (list ? Arrays.toString(values) : Long.toString(values[0]));
    }
}
