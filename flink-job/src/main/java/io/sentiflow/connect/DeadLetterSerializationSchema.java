package io.sentiflow.connect;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a {@link DeadLetter} to the dead-letter topic: the original key and value bytes unchanged,
 * with the headers of {@link DeadLetterHeaders}. Stateless.
 */
public final class DeadLetterSerializationSchema
        implements KafkaRecordSerializationSchema<DeadLetter> {

    private final String topic;

    public DeadLetterSerializationSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RawRecord original = letter.original();
        RecordHeaders headers = new RecordHeaders();
        header(headers, DeadLetterHeaders.SOURCE_TOPIC, original.topic());
        header(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(original.partition()));
        header(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(original.offset()));
        header(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(original.timestamp()));
        header(headers, DeadLetterHeaders.ERROR_CLASS, letter.errorClass());
        header(headers, DeadLetterHeaders.ERROR_REASON, letter.reason());
        return new ProducerRecord<>(
                topic, null, null, original.key(), original.value(), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(UTF_8));
    }
}
