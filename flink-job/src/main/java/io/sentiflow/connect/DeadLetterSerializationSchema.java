package io.sentiflow.connect;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a {@link DeadLetter} to the dead-letter topic: the original key and value bytes unchanged,
 * with the headers of {@link DeadLetterHeaders}, Sentiflow's and Kafka Connect's. Stateless.
 *
 * <p>Every dead letter fits the topic's {@code max.message.bytes}: a record the exactly-once sink
 * could not write would fail the job, and the job would fail again on it after every restart. So
 * the reason is cut to {@value #MAX_REASON_CHARS} characters, and a record whose bytes and headers
 * would not fit is written without its key and value, with {@link DeadLetterHeaders#VALUE_OMITTED}
 * giving their size: its coordinates still locate it on the source topic.
 */
public final class DeadLetterSerializationSchema implements KafkaRecordSerializationSchema<DeadLetter> {

    static final int MAX_REASON_CHARS = 2000;

    /** Kafka's record batch and record framing, with room to spare (the exact sizes are varints). */
    private static final int FRAMING_BYTES = 256;
    private static final int FRAMING_BYTES_PER_HEADER = 16;

    private final String topic;
    private final long maxMessageBytes;

    /** @param maxMessageBytes the dead-letter topic's {@code max.message.bytes} */
    public DeadLetterSerializationSchema(String topic, long maxMessageBytes) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RawRecord original = letter.original();
        RecordHeaders headers = new RecordHeaders();
        header(headers, DeadLetterHeaders.SOURCE_TOPIC, original.topic());
        header(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(original.partition()));
        header(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(original.offset()));
        header(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(original.timestamp()));
        header(headers, DeadLetterHeaders.ERROR_CLASS, letter.errorClass());
        String reason = cut(letter.reason());
        header(headers, DeadLetterHeaders.ERROR_REASON, reason);
        header(headers, DeadLetterHeaders.CONNECT_TOPIC, original.topic());
        header(headers, DeadLetterHeaders.CONNECT_PARTITION, Integer.toString(original.partition()));
        header(headers, DeadLetterHeaders.CONNECT_OFFSET, Long.toString(original.offset()));
        header(headers, DeadLetterHeaders.CONNECT_EXCEPTION_CLASS, letter.errorClass());
        header(headers, DeadLetterHeaders.CONNECT_EXCEPTION_MESSAGE, reason);
        if (original.sizeInBytes() + headerBytes(headers) > maxMessageBytes) {
            header(headers, DeadLetterHeaders.VALUE_OMITTED, Integer.toString(original.sizeInBytes()));
            return new ProducerRecord<>(topic, null, null, null, null, headers);
        }
        return new ProducerRecord<>(topic, null, null, original.key(), original.value(), headers);
    }

    /** What the headers and Kafka's framing take, an upper bound. */
    private static long headerBytes(RecordHeaders headers) {
        long bytes = FRAMING_BYTES;
        for (Header header : headers) {
            bytes += header.key().getBytes(UTF_8).length + header.value().length + FRAMING_BYTES_PER_HEADER;
        }
        // The omission header itself, should it be needed.
        return bytes + DeadLetterHeaders.VALUE_OMITTED.length() + 20 + FRAMING_BYTES_PER_HEADER;
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS - 3) + "...";
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(UTF_8));
    }
}
