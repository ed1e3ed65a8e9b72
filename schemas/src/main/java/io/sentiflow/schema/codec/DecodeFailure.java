package io.sentiflow.schema.codec;

/**
 * Why a payload could not be decoded. The names are part of the contract: they are the DLQ reason
 * and the {@code reason} tag of the {@code dlqRecords} metric, so never rename one.
 */
public enum DecodeFailure {
    /** The payload is null, has no bytes, or holds only whitespace. */
    EMPTY_PAYLOAD,
    /** The first bytes are neither the Avro single-object header {@code C3 01} nor a JSON object's {@code {}. */
    UNKNOWN_FORMAT,
    /** An Avro single-object payload names a writer schema fingerprint that no known schema has. */
    UNKNOWN_SCHEMA_FINGERPRINT,
    /** An Avro payload whose bytes do not form a datum of its writer schema (truncated, trailing bytes, bad index). */
    MALFORMED_AVRO,
    /** A payload that starts like a JSON object but is not valid JSON (syntax, duplicate keys, trailing content). */
    MALFORMED_JSON,
    /** A JSON object lacks a field the schema requires and gives no default for. */
    MISSING_FIELD,
    /** A JSON field holds a value of the wrong type or out of range (for example a string for an int). */
    WRONG_FIELD_TYPE,
    /** The JSON payload, or a string inside an Avro payload, is not valid UTF-8. */
    INVALID_UTF8
}
