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
    void writesOriginalBytesUnchangedWithCoordinateAndReasonHeaders() {
        byte[] key = {1, 2};
        byte[] value = {(byte) 0xC3, 0x01, (byte) 0xFF};
        DeadLetter letter = new DeadLetter(
                new RawRecord("news.raw", 3, 42L, 1_700_000_000_000L, key, value),
                "UNKNOWN_SCHEMA_FINGERPRINT",
                "no schema with fingerprint ff");

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("news.dlq").serialize(letter, null, null);

        assertThat(record.topic()).isEqualTo("news.dlq");
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo(value);
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
                DeadLetterHeaders.SOURCE_TOPIC, "news.raw",
                DeadLetterHeaders.SOURCE_PARTITION, "3",
                DeadLetterHeaders.SOURCE_OFFSET, "42",
                DeadLetterHeaders.SOURCE_TIMESTAMP, "1700000000000",
                DeadLetterHeaders.ERROR_CLASS, "UNKNOWN_SCHEMA_FINGERPRINT",
                DeadLetterHeaders.ERROR_REASON, "no schema with fingerprint ff"));
    }

    @Test
    void keepsNullKeyAndTombstoneValue() {
        DeadLetter letter = new DeadLetter(
                new RawRecord("news.raw", 0, 0L, 0L, null, null), "EMPTY_PAYLOAD", "no bytes");
        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("news.dlq").serialize(letter, null, null);
        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
    }
}
