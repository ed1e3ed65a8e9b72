package io.sentiflow.schema.codec;

/**
 * The two encodings a Sentiflow record may have on a Kafka topic.
 *
 * <p>{@link #AVRO} is Avro's single-object encoding: the bytes {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema, then the Avro binary datum. {@link #JSON} is a UTF-8 JSON
 * object whose top-level keys are the schema's field names, for producers that cannot write Avro and
 * consumers without Sentiflow's schemas (kcat, Kafka UIs, notebooks).
 * A decoder tells them apart by the first bytes, so both may share a topic.
 */
public enum WireFormat {
    AVRO,
    JSON
}
