package io.sentiflow.schema.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * Walks an Avro binary datum against its writer schema before Avro decodes it, so that Avro only ever sees
 * well-formed bytes.
 *
 * <p>Why: Avro allocates a string, byte or collection buffer of the length a payload declares before it reads
 * it, so a few garbage bytes can ask for gigabytes; and it turns invalid UTF-8 into U+FFFD silently. This check
 * bounds every declared length by the bytes that remain, validates every string strictly as UTF-8, and rejects
 * out-of-range union and enum indexes, booleans other than 0 and 1, over-long varints and trailing bytes.
 * An array or map block may not declare more items than bytes remain (true for every schema whose items take
 * at least one byte, as all of Sentiflow's do).
 *
 * <p>One instance checks one payload; not thread-safe.
 */
final class AvroPayloadChecker {

    private final byte[] bytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;

    private AvroPayloadChecker(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.pos = offset;
    }

    /** Checks that {@code bytes} from {@code offset} to the end hold exactly one datum of {@code writer}. */
    static void check(Schema writer, byte[] bytes, int offset) throws FieldException {
        AvroPayloadChecker checker = new AvroPayloadChecker(bytes, offset);
        checker.value(writer, "");
        if (checker.pos != bytes.length) {
            throw malformed((bytes.length - checker.pos) + " trailing bytes after the " + writer.getName()
                    + " record (written with another schema, or two records in one payload?)");
        }
    }

    private void value(Schema schema, String path) throws FieldException {
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> bool(path);
            case INT -> varint(path, 5);
            case LONG -> varint(path, 10);
            case FLOAT -> skip(4, path);
            case DOUBLE -> skip(8, path);
            case STRING -> string(path);
            case BYTES -> skip(length(path), path);
            case FIXED -> skip(schema.getFixedSize(), path);
            case ENUM -> index(schema.getEnumSymbols().size(), "enum symbol", path);
            case UNION -> value(schema.getTypes().get(index(schema.getTypes().size(), "union branch", path)), path);
            case RECORD -> record(schema, path);
            case ARRAY -> blocks(schema.getElementType(), false, path);
            case MAP -> blocks(schema.getValueType(), true, path);
            default -> throw malformed("unsupported Avro type " + schema.getType() + " at " + describe(path));
        }
    }

    private void record(Schema schema, String path) throws FieldException {
        for (Schema.Field field : schema.getFields()) {
            value(field.schema(), path.isEmpty() ? field.name() : path + "." + field.name());
        }
    }

    private void blocks(Schema itemSchema, boolean map, String path) throws FieldException {
        int item = 0;
        for (long count = blockCount(path); count != 0; count = blockCount(path)) {
            for (long i = 0; i < count; i++, item++) {
                String itemPath = path + "[" + item + "]";
                if (map) {
                    string(itemPath + " (key)");
                }
                value(itemSchema, itemPath);
            }
        }
    }

    private long blockCount(String path) throws FieldException {
        long count = zigzag(path, 10);
        if (count < 0) {
            count = -count;
            zigzag(path, 10); // the block's size in bytes, which we do not need
        }
        if (count < 0 || count > bytes.length - pos) {
            throw malformed(describe(path) + " declares " + count + " items but only " + (bytes.length - pos)
                    + " bytes remain (truncated or not Avro?)");
        }
        return count;
    }

    private int index(int size, String what, String path) throws FieldException {
        long index = zigzag(path, 5);
        if (index < 0 || index >= size) {
            throw malformed(describe(path) + " has " + what + " " + index + " but the writer schema has only " + size);
        }
        return (int) index;
    }

    private void bool(String path) throws FieldException {
        need(1, path);
        if ((bytes[pos] & 0xFF) > 1) {
            throw malformed(describe(path) + " holds boolean byte " + hex(bytes[pos]) + ", expected 0x00 or 0x01");
        }
        pos++;
    }

    private void string(String path) throws FieldException {
        int length = length(path);
        ByteBuffer in = ByteBuffer.wrap(bytes, pos, length);
        if (utf8.reset().decode(in, CharBuffer.allocate(length), true).isError()) {
            int offset = in.position() - pos;
            throw new FieldException(DecodeFailure.INVALID_UTF8, describe(path) + " is not valid UTF-8 (byte "
                    + hex(bytes[in.position()]) + " at offset " + offset + " of the string)");
        }
        pos += length;
    }

    private int length(String path) throws FieldException {
        long length = zigzag(path, 10);
        if (length < 0 || length > bytes.length - pos) {
            throw malformed(describe(path) + " declares " + length + " bytes but only " + (bytes.length - pos)
                    + " remain (truncated or not Avro?)");
        }
        return (int) length;
    }

    private long zigzag(String path, int maxBytes) throws FieldException {
        long raw = 0;
        for (int shift = 0, read = 0; ; shift += 7, read++) {
            if (read == maxBytes) {
                throw malformed(describe(path) + " holds a variable-length number longer than " + maxBytes + " bytes");
            }
            need(1, path);
            int b = bytes[pos++] & 0xFF;
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
    }

    private void varint(String path, int maxBytes) throws FieldException {
        long value = zigzag(path, maxBytes);
        if (maxBytes == 5 && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw malformed(describe(path) + " holds " + value + ", outside the int range");
        }
    }

    private void skip(int count, String path) throws FieldException {
        need(count, path);
        pos += count;
    }

    private void need(int count, String path) throws FieldException {
        if (bytes.length - pos < count) {
            throw malformed("payload ends early at byte " + bytes.length + " while reading " + describe(path)
                    + " (truncated, or written with a schema other than the one its fingerprint names)");
        }
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the record" : "field '" + path + "'";
    }

    private static String hex(byte b) {
        return String.format("0x%02X", b & 0xFF);
    }

    private static FieldException malformed(String message) {
        return new FieldException(DecodeFailure.MALFORMED_AVRO, message);
    }
}
