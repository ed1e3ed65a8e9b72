package io.sentiflow.schema.codec;

/**
 * Tells the wire formats apart by their first bytes and describes payloads in error messages.
 *
 * <p>Stateless; thread-safe.
 */
final class Payloads {

    /** Avro's single-object marker, then an 8-byte little-endian CRC-64-AVRO fingerprint. */
    static final int AVRO_HEADER_LENGTH = 10;

    static final String EXPECTED = "expected Avro single-object encoding (bytes C3 01 + 8-byte schema fingerprint)"
            + " or a UTF-8 JSON object";

    private static final int PREVIEW_BYTES = 8;

    private Payloads() {
    }

    static boolean isAvro(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01;
    }

    /** Index of the first byte after an optional UTF-8 byte order mark and JSON whitespace. */
    static int firstSignificant(byte[] bytes) {
        int i = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** Why a payload that is neither Avro nor a JSON object was refused. */
    static String unknownFormat(byte[] bytes, int significant) {
        String hint = switch (bytes[significant]) {
            case '[' -> " (a JSON array? send one JSON object per record)";
            case '"' -> " (a JSON string? send a JSON object with the schema's field names)";
            case (byte) 0xFE, (byte) 0xFF -> " (UTF-16? JSON must be UTF-8)";
            case 0x00 -> " (Confluent schema-registry framing? Sentiflow reads Avro single-object encoding)";
            default -> "";
        };
        return EXPECTED + ", got " + preview(bytes) + hint;
    }

    /** The first bytes of a payload in hex, and its length. */
    static String preview(byte[] bytes) {
        StringBuilder text = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(bytes.length, PREVIEW_BYTES); i++) {
            text.append(String.format(" 0x%02X", bytes[i] & 0xFF));
        }
        if (bytes.length > PREVIEW_BYTES) {
            text.append(" ...");
        }
        return text.append(" (").append(bytes.length).append(" bytes)").toString();
    }

    /** The fingerprint in a single-object header, read as Avro writes it (little-endian). */
    static long fingerprint(byte[] bytes) {
        long fingerprint = 0;
        for (int i = AVRO_HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
        }
        return fingerprint;
    }

    static String hex(long fingerprint) {
        return String.format("0x%016X", fingerprint);
    }
}
