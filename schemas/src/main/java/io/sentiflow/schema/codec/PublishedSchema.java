package io.sentiflow.schema.codec;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * One schema as Sentiflow publishes it to consumers in other languages: the schema, which version of its
 * record it is, and the CRC-64-AVRO fingerprint that an Avro single-object payload written with it carries in
 * bytes 2 to 9 (little-endian). A consumer keeps a map from fingerprint to schema and resolves each payload's
 * writer schema with it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schema the writer schema
 * @param version {@value #CURRENT} for the schema the codecs write today, {@code v0}, {@code v1}... for the older
 *     writer schemas they still read
 */
public record PublishedSchema(Schema schema, String version) {

    /** The version name of the schema that codecs write today. */
    public static final String CURRENT = "current";

    public PublishedSchema {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(version, "version");
    }

    /** Whether codecs write this version today (older versions are only read). */
    public boolean isCurrent() {
        return version.equals(CURRENT);
    }

    /** The record's full name, for example {@code io.sentiflow.schema.SentimentAlert}. */
    public String recordName() {
        return schema.getFullName();
    }

    /** {@code SentimentAlert.avsc} for the current version, {@code TextEvent-v0.avsc} for an older one. */
    public String fileName() {
        return schema.getName() + (isCurrent() ? "" : "-" + version) + ".avsc";
    }

    /** The fingerprint as a 64-bit number (Avro's {@code SchemaNormalization.parsingFingerprint64}). */
    public long fingerprint() {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprint as 16 hex digits with {@code 0x}, the unsigned value of {@link #fingerprint()}. */
    public String fingerprintHex() {
        return Payloads.hex(fingerprint());
    }

    /** The first ten bytes of every single-object payload of this schema, in hex: {@code C3 01} and the fingerprint. */
    public String header() {
        StringBuilder hex = new StringBuilder("C3 01");
        long fingerprint = fingerprint();
        for (int i = 0; i < Payloads.AVRO_HEADER_LENGTH - 2; i++) {
            hex.append(String.format(" %02X", (fingerprint >>> (8 * i)) & 0xFF));
        }
        return hex.toString();
    }
}
