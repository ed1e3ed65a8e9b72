package io.sentiflow.connect;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.flink.util.function.SerializableSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records to one topic through the project's codec in one wire format (Avro single-object
 * encoding, or JSON with the schema's field names), keyed by the record's id (UTF-8), so that all
 * versions of one record land in one partition. The Kafka timestamp is the time of writing, not the
 * event time. The codec is obtained in {@link #open}, so the schema itself stays serializable. One
 * instance per sink subtask.
 *
 * @param <T> the Avro record type
 */
public final class EncodingSerializationSchema<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {

    private final String topic;
    private final SerializableSupplier<RecordCodec<T>> codecFactory;
    private final WireFormat format;
    private final SerializableFunction<T, String> keyOf;
    private transient RecordCodec<T> codec;

    /**
     * @param codecFactory for example {@code RecordCodec::scoredTexts}
     * @param format how every record's value is written
     * @param keyOf the record's id, for example {@code ScoredText::getId}
     */
    public EncodingSerializationSchema(
            String topic,
            SerializableSupplier<RecordCodec<T>> codecFactory,
            WireFormat format,
            SerializableFunction<T, String> keyOf) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.codecFactory = Objects.requireNonNull(codecFactory, "codecFactory");
        this.format = Objects.requireNonNull(format, "format");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = codecFactory.get();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = codecFactory.get();
        }
        byte[] key = keyOf.apply(record).getBytes(UTF_8);
        // No record timestamp: the producer stamps the time of writing. Passing the element's event
        // time (publishedAt) would let the broker's time-based retention delete replayed old news
        // within minutes of writing it.
        return new ProducerRecord<>(topic, null, null, key, codec.encode(record, format));
    }
}
