package io.sentiflow.schema.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes a datum as plain JSON by walking its schema: field names at the top level in schema order, nullable
 * values as the value or null (no union wrapper), enums as their symbol, timestamp-millis as epoch
 * milliseconds, non-finite floats as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 * {@link JsonRecordReader} reads the result back to an equal record.
 *
 * <p>Stateless apart from the immutable model; thread-safe.
 */
final class JsonRecordWriter {

    private final GenericData model;

    JsonRecordWriter(GenericData model) {
        this.model = model;
    }

    /**
     * Writes {@code datum} of {@code schema}.
     *
     * @throws IllegalArgumentException if the datum does not match the schema (for example a required field is null)
     */
    void write(JsonGenerator out, Object datum, Schema schema) throws IOException {
        value(out, datum, schema, "");
    }

    private void value(JsonGenerator out, Object datum, Schema schema, String path) throws IOException {
        if (schema.getType() == Schema.Type.UNION) {
            int branch = model.resolveUnion(schema, datum);
            value(out, datum, schema.getTypes().get(branch), path);
            return;
        }
        if (datum == null && schema.getType() != Schema.Type.NULL) {
            String subject = path.isEmpty() ? "the record" : "field '" + path + "'";
            throw new IllegalArgumentException(subject + " is null but the schema requires " + schema.getType());
        }
        raw(out, toRaw(datum, schema), schema, path);
    }

    private Object toRaw(Object datum, Schema schema) {
        LogicalType logicalType = schema.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
        if (conversion == null || !conversion.getConvertedType().isInstance(datum)) {
            return datum;
        }
        return Conversions.convertToRawType(datum, schema, logicalType, conversion);
    }

    private void raw(JsonGenerator out, Object datum, Schema schema, String path) throws IOException {
        switch (schema.getType()) {
            case RECORD -> record(out, (IndexedRecord) datum, schema, path);
            case ARRAY -> array(out, (Collection<?>) datum, schema, path);
            case MAP -> map(out, (Map<?, ?>) datum, schema, path);
            case ENUM -> out.writeString(datum instanceof Enum<?> symbol ? symbol.name() : datum.toString());
            case STRING -> out.writeString(datum.toString());
            case BYTES -> out.writeString(latin1((ByteBuffer) datum));
            case FIXED -> out.writeString(new String(((GenericFixed) datum).bytes(), StandardCharsets.ISO_8859_1));
            case INT -> out.writeNumber(((Number) datum).intValue());
            case LONG -> out.writeNumber(((Number) datum).longValue());
            case FLOAT -> floating(out, ((Number) datum).floatValue());
            case DOUBLE -> floating(out, ((Number) datum).doubleValue());
            case BOOLEAN -> out.writeBoolean((Boolean) datum);
            case NULL -> out.writeNull();
            default -> throw new IllegalArgumentException("unsupported schema type " + schema.getType() + " at " + path);
        }
    }

    private void record(JsonGenerator out, IndexedRecord record, Schema schema, String path) throws IOException {
        out.writeStartObject();
        for (Schema.Field field : schema.getFields()) {
            out.writeFieldName(field.name());
            value(out, record.get(field.pos()), field.schema(), path.isEmpty() ? field.name() : path + "." + field.name());
        }
        out.writeEndObject();
    }

    private void array(JsonGenerator out, Collection<?> items, Schema schema, String path) throws IOException {
        out.writeStartArray();
        int i = 0;
        for (Object item : items) {
            value(out, item, schema.getElementType(), path + "[" + i++ + "]");
        }
        out.writeEndArray();
    }

    private void map(JsonGenerator out, Map<?, ?> map, Schema schema, String path) throws IOException {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            out.writeFieldName(key);
            value(out, entry.getValue(), schema.getValueType(), path + "[\"" + key + "\"]");
        }
        out.writeEndObject();
    }

    private static void floating(JsonGenerator out, double value) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeString(Double.toString(value)); // NaN, Infinity, -Infinity
        }
    }

    private static void floating(JsonGenerator out, float value) throws IOException {
        if (Float.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeString(Float.toString(value));
        }
    }

    private static String latin1(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] array = new byte[copy.remaining()];
        copy.get(array);
        return new String(array, StandardCharsets.ISO_8859_1);
    }
}
