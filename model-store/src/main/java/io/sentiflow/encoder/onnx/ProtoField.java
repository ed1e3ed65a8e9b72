package io.sentiflow.encoder.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One field of a protobuf message where it lies in a byte array: {@code [start, end)} is the whole
 * field (tag, length, payload), {@code [payloadStart, end)} its payload when length-delimited.
 * Keeping the extents lets a writer copy every field it does not change byte for byte; new messages
 * are written with {@link #message}.
 */
record ProtoField(int number, int wireType, int start, int payloadStart, int end) {

    /** Writes the fields of one message. */
    @FunctionalInterface
    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    /** The bytes of a message whose fields {@code body} writes. */
    static byte[] message(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot happen writing to memory", e);
        }
        return bytes.toByteArray();
    }

    boolean isLengthDelimited() {
        return wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    int payloadLength() {
        return end - payloadStart;
    }

    String string(byte[] bytes) {
        return new String(bytes, payloadStart, payloadLength(), StandardCharsets.UTF_8);
    }

    /** The fields of the message held in {@code bytes[from, to)}, in file order. */
    static List<ProtoField> scan(byte[] bytes, int from, int to) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes, from, to - from);
        List<ProtoField> fields = new ArrayList<>();
        while (true) {
            int start = from + in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                return fields;
            }
            int wireType = WireFormat.getTagWireType(tag);
            int payloadStart;
            if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int length = in.readRawVarint32();
                payloadStart = from + in.getTotalBytesRead();
                in.skipRawBytes(length);
            } else {
                payloadStart = start;
                in.skipField(tag);
            }
            fields.add(new ProtoField(WireFormat.getTagFieldNumber(tag), wireType, start, payloadStart,
                    from + in.getTotalBytesRead()));
        }
    }

    /** The fields of this field's payload (it must be a length-delimited message). */
    List<ProtoField> children(byte[] bytes) throws IOException {
        if (!isLengthDelimited()) {
            throw new IOException("Field " + number + " at byte " + start + " is not a message");
        }
        return scan(bytes, payloadStart, end);
    }

    /** The varint value of this field (wire type 0). */
    long varint(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes, start, end - start);
        in.readTag();
        return in.readRawVarint64();
    }
}
