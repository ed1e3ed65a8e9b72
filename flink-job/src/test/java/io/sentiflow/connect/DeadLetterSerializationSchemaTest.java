package io.sentiflow.connect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterSerializationSchemaTest {

    @Test
    void writesOriginalBytesUnchangedWithSentiflowAndKafkaConnectHeaders() {
        byte[] key = {1, 2};
        byte[] value = {(byte) 0xC3, 0x01, (byte) 0xFF};
        DeadLetter letter = new DeadLetter(
                new RawRecord("news.raw", 3, 42L, 1_700_000_000_000L, key, value),
                "UNKNOWN_SCHEMA_FINGERPRINT",
                "no schema with fingerprint ff");

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("news.dlq", 1 << 20).serialize(letter, null, null);

        assertThat(record.topic()).isEqualTo("news.dlq");
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo(value);
        assertThat(headers(record)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(DeadLetterHeaders.SOURCE_TOPIC, "news.raw"),
                Map.entry(DeadLetterHeaders.SOURCE_PARTITION, "3"),
                Map.entry(DeadLetterHeaders.SOURCE_OFFSET, "42"),
                Map.entry(DeadLetterHeaders.SOURCE_TIMESTAMP, "1700000000000"),
                Map.entry(DeadLetterHeaders.ERROR_CLASS, "UNKNOWN_SCHEMA_FINGERPRINT"),
                Map.entry(DeadLetterHeaders.ERROR_REASON, "no schema with fingerprint ff"),
                Map.entry("__connect.errors.topic", "news.raw"),
                Map.entry("__connect.errors.partition", "3"),
                Map.entry("__connect.errors.offset", "42"),
                Map.entry("__connect.errors.exception.class.name", "UNKNOWN_SCHEMA_FINGERPRINT"),
                Map.entry("__connect.errors.exception.message", "no schema with fingerprint ff")));
    }

    @Test
    void writesARecordNearTheLimitWholeWithItsHeaders() {
        byte[] value = new byte[1024 * 1024 - 64];
        DeadLetter letter = new DeadLetter(new RawRecord("news.raw", 0, 1L, 0L, null, value), "UNKNOWN_FORMAT",
                "neither Avro nor JSON");

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("news.dlq", 2 * 1024 * 1024).serialize(letter, null, null);

        assertThat(record.value()).isSameAs(value);
        assertThat(headers(record)).doesNotContainKey(DeadLetterHeaders.VALUE_OMITTED);
    }

    @Test
    void omitsTheBytesOfARecordThatWouldNotFitTheTopicAndSaysSo() {
        byte[] key = new byte[100];
        byte[] value = new byte[3 * 1024 * 1024];
        DeadLetter letter = new DeadLetter(new RawRecord("news.raw", 2, 9L, 0L, key, value), "RECORD_TOO_LARGE",
                "too large");

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("news.dlq", 2 * 1024 * 1024).serialize(letter, null, null);

        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
        assertThat(headers(record))
                .containsEntry(DeadLetterHeaders.VALUE_OMITTED, Integer.toString(key.length + value.length))
                .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, "9")
                .containsEntry(DeadLetterHeaders.CONNECT_OFFSET, "9")
                .containsEntry(DeadLetterHeaders.ERROR_CLASS, "RECORD_TOO_LARGE");
    }

    @Test
    void cutsAVeryLongReason() {
        DeadLetter letter = new DeadLetter(new RawRecord("news.raw", 0, 1L, 0L, null, new byte[] {1}), "SCORING_FAILED",
                "x".repeat(100_000));

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("news.dlq", 2 * 1024 * 1024).serialize(letter, null, null);

        assertThat(headers(record).get(DeadLetterHeaders.ERROR_REASON))
                .hasSize(DeadLetterSerializationSchema.MAX_REASON_CHARS).endsWith("...");
        assertThat(headers(record).get(DeadLetterHeaders.CONNECT_EXCEPTION_MESSAGE))
                .isEqualTo(headers(record).get(DeadLetterHeaders.ERROR_REASON));
    }

    private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        return headers;
    }

    @Test
    void keepsNullKeyAndTombstoneValue() {
        DeadLetter letter = new DeadLetter(
                new RawRecord("news.raw", 0, 0L, 0L, null, null), "EMPTY_PAYLOAD", "no bytes");
        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("news.dlq", 1 << 20).serialize(letter, null, null);
        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
    }
}
