package io.sentiflow.schema.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * Maps a parsed JSON object onto an Avro schema by walking the schema, producing the data model's records
 * (specific classes for a {@code SpecificData} model) with logical types converted (timestamp-millis becomes
 * an {@code Instant}).
 *
 * <p>Plain JSON, not Avro's JSON encoding: nullable unions take the plain value or null, enums their symbol
 * (case-sensitive), timestamp-millis epoch milliseconds or an ISO-8601 instant with offset. Absent fields take
 * their schema default; absent fields without one are {@link DecodeFailure#MISSING_FIELD}. Fields the schema does
 * not know are ignored so that newer producers stay readable. Numbers must fit their Avro type exactly.
 *
 * <p>Stateless apart from the immutable model; thread-safe.
 */
final class JsonRecordReader {

    private static final int MAX_PREVIEW = 60;

    private final GenericData model;

    JsonRecordReader(GenericData model) {
        this.model = model;
    }

    /** The datum of {@code schema} that {@code node} describes, valid per the schema. */
    Object read(JsonNode node, Schema schema) throws FieldException {
        return value(node, schema, "");
    }

    private Object value(JsonNode node, Schema schema, String path) throws FieldException {
        if (schema.getType() == Schema.Type.UNION) {
            return union(node, schema, path);
        }
        if (node.isNull() && schema.getType() != Schema.Type.NULL) {
            throw wrongType(path, "must not be null", node);
        }
        Object raw = raw(node, schema, path);
        LogicalType logicalType = schema.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
        return conversion == null ? raw : Conversions.convertToLogicalType(raw, schema, logicalType, conversion);
    }

    private Object raw(JsonNode node, Schema schema, String path) throws FieldException {
        return switch (schema.getType()) {
            case RECORD -> record(node, schema, path);
            case ARRAY -> array(node, schema, path);
            case MAP -> map(node, schema, path);
            case ENUM -> enumSymbol(node, schema, path);
            case STRING -> text(node, "a string", path);
            case BYTES -> ByteBuffer.wrap(text(node, "a string of bytes", path).getBytes(StandardCharsets.ISO_8859_1));
            case FIXED -> fixed(node, schema, path);
            case INT -> integer(node, path);
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? timestampMillis(node, path) : longValue(node, path);
            case FLOAT -> (float) floating(node, Float.MAX_VALUE, "a float", path);
            case DOUBLE -> floating(node, Double.MAX_VALUE, "a double", path);
            case BOOLEAN -> bool(node, path);
            case NULL -> nothing(node, path);
            default -> throw wrongType(path, "has unsupported schema type " + schema.getType(), node);
        };
    }

    private Object record(JsonNode node, Schema schema, String path) throws FieldException {
        if (!node.isObject()) {
            throw wrongType(path, "must be a JSON object (" + schema.getName() + ")", node);
        }
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode fieldNode = node.get(field.name());
            if (fieldNode != null) {
                record.put(field.pos(), value(fieldNode, field.schema(), fieldPath));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), model.getDefaultValue(field));
            } else {
                throw new FieldException(DecodeFailure.MISSING_FIELD, "field '" + fieldPath + "' is missing");
            }
        }
        return record;
    }

    private Object union(JsonNode node, Schema union, String path) throws FieldException {
        List<Schema> branches = new ArrayList<>();
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                branches.add(branch);
            } else if (node.isNull()) {
                return null;
            }
        }
        if (node.isNull()) {
            throw wrongType(path, "must not be null", node);
        }
        if (branches.size() == 1) {
            return value(node, branches.get(0), path);
        }
        for (Schema branch : branches) {
            try {
                return value(node, branch, path);
            } catch (FieldException notThisBranch) {
                // try the next branch; the error below lists them all
            }
        }
        throw wrongType(path, "must match one of " + union, node);
    }

    private List<Object> array(JsonNode node, Schema schema, String path) throws FieldException {
        if (!node.isArray()) {
            throw wrongType(path, "must be a JSON array", node);
        }
        List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(value(node.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        return items;
    }

    private Map<String, Object> map(JsonNode node, Schema schema, String path) throws FieldException {
        if (!node.isObject()) {
            throw wrongType(path, "must be a JSON object (a map)", node);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), value(entry.getValue(), schema.getValueType(), path + "[\"" + entry.getKey() + "\"]"));
        }
        return map;
    }

    private Object enumSymbol(JsonNode node, Schema schema, String path) throws FieldException {
        if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
            throw wrongType(path, "must be one of " + String.join(", ", schema.getEnumSymbols()) + " (case-sensitive)", node);
        }
        return model.createEnum(node.textValue(), schema);
    }

    private Object fixed(JsonNode node, Schema schema, String path) throws FieldException {
        byte[] value = text(node, "a string of " + schema.getFixedSize() + " bytes", path).getBytes(StandardCharsets.ISO_8859_1);
        if (value.length != schema.getFixedSize()) {
            throw wrongType(path, "must be a string of " + schema.getFixedSize() + " bytes", node);
        }
        return model.createFixed(null, value, schema);
    }

    private static String text(JsonNode node, String expected, String path) throws FieldException {
        if (!node.isTextual()) {
            throw wrongType(path, "must be " + expected, node);
        }
        return node.textValue();
    }

    private static int integer(JsonNode node, String path) throws FieldException {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(path, "must be an int (a whole number between " + Integer.MIN_VALUE + " and "
                    + Integer.MAX_VALUE + ")", node);
        }
        return node.intValue();
    }

    private static long longValue(JsonNode node, String path) throws FieldException {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(path, "must be a long (a whole number of at most 64 bits)", node);
        }
        return node.longValue();
    }

    private static long timestampMillis(JsonNode node, String path) throws FieldException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.textValue()).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException notIso) {
                // reported below with the expected forms
            }
        }
        throw wrongType(path, "must be epoch milliseconds or ISO-8601 with offset (e.g. 2024-05-01T13:45:00Z)", node);
    }

    private static double floating(JsonNode node, double max, String expected, String path) throws FieldException {
        if (node.isTextual()) {
            // toJson writes non-finite values as these strings, since JSON numbers cannot hold them.
            switch (node.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        if (!node.isNumber() || Math.abs(node.doubleValue()) > max) {
            throw wrongType(path, "must be " + expected + " (a number, or \"NaN\", \"Infinity\", \"-Infinity\")", node);
        }
        return node.doubleValue();
    }

    private static Object nothing(JsonNode node, String path) throws FieldException {
        if (!node.isNull()) {
            throw wrongType(path, "must be null", node);
        }
        return null;
    }

    private static boolean bool(JsonNode node, String path) throws FieldException {
        if (!node.isBoolean()) {
            throw wrongType(path, "must be true or false", node);
        }
        return node.booleanValue();
    }

    private static FieldException wrongType(String path, String rule, JsonNode node) {
        String subject = path.isEmpty() ? "the payload" : "field '" + path + "'";
        return new FieldException(DecodeFailure.WRONG_FIELD_TYPE, subject + " " + rule + ", got " + preview(node));
    }

    static String preview(JsonNode node) {
        String text = node.toString();
        return text.length() <= MAX_PREVIEW ? text : text.substring(0, MAX_PREVIEW) + "...";
    }
}
