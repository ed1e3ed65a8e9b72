package io.sentiflow.it.scoring;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.schema.TextEvent;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The five kinds of bad {@code news.raw} records, in turn: undecodable bytes, an Avro payload of an
 * unknown schema fingerprint, an empty text, an oversize record and invalid UTF-8. Each is distinct
 * so the test can tell them apart in the DLQ.
 */
final class BadRecords {

    /** The record size limit the test configures; oversize records exceed it. */
    static final int LIMIT_BYTES = 16 * 1024;

    static final List<String> ERROR_CLASSES = List.of(
            "UNKNOWN_FORMAT", "UNKNOWN_SCHEMA_FINGERPRINT", "EMPTY_TEXT", "RECORD_TOO_LARGE", "INVALID_UTF8");

    record Bad(ProducerRecord<byte[], byte[]> record, String errorClass) {}

    private final String topic;
    private final List<String> headlines;
    private int count;

    BadRecords(String topic, List<String> headlines) {
        this.topic = topic;
        this.headlines = headlines;
    }

    Bad next() {
        int n = count++;
        String kind = ERROR_CLASSES.get(n % ERROR_CLASSES.size());
        byte[] value = switch (kind) {
            case "UNKNOWN_FORMAT" -> ("not a record #" + n).getBytes(UTF_8);
            case "UNKNOWN_SCHEMA_FINGERPRINT" -> unknownFingerprint(n);
            case "EMPTY_TEXT" -> TestTexts.avro(withText(n, "   "));
            case "RECORD_TOO_LARGE" -> TestTexts.avro(withText(n, "x".repeat(LIMIT_BYTES + n)));
            case "INVALID_UTF8" -> invalidUtf8(n);
            default -> throw new IllegalStateException(kind);
        };
        return new Bad(new ProducerRecord<>(topic, value), kind);
    }

    private TextEvent withText(int n, String text) {
        TextEvent event = TestTexts.event("bad-" + n, n, headlines);
        event.setText(text);
        return event;
    }

    private byte[] unknownFingerprint(int n) {
        byte[] bytes = TestTexts.avro(TestTexts.event("bad-" + n, n, headlines));
        bytes[5] ^= 0x5A; // inside the 8-byte fingerprint after the C3 01 marker
        return bytes;
    }

    private byte[] invalidUtf8(int n) {
        byte[] bytes = TestTexts.avro(withText(n, "ZZZZ" + n));
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == 'Z' && bytes[i + 1] == 'Z' && bytes[i + 2] == 'Z' && bytes[i + 3] == 'Z') {
                bytes[i] = (byte) 0xFF;
                bytes[i + 1] = (byte) 0xFE;
                return bytes;
            }
        }
        throw new IllegalStateException("marker not found");
    }
}
