package io.sentiflow.connect;

import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a control topic's records (such as {@code model.updates}) with the project's codec and
 * drops what cannot be decoded: such a record is logged at WARN with its coordinates and counted in
 * {@code sentiflow.undecodableRecords}, and never fails the source. For data topics, whose bad
 * records must reach the dead-letter topic, use {@link RawRecordDeserializationSchema} instead.
 *
 * @param <T> the Avro record type
 */
public final class DecodingDeserializationSchema<T extends SpecificRecord> implements KafkaRecordDeserializationSchema<T> {

    public static final String UNDECODABLE_RECORDS = "undecodableRecords";

    private static final Logger LOG = LoggerFactory.getLogger(DecodingDeserializationSchema.class);

    private final SerializableSupplier<RecordCodec<T>> codecFactory;
    private final TypeInformation<T> producedType;
    private transient RecordCodec<T> codec;
    private transient Counter undecodable;

    /**
     * @param codecFactory for example {@code RecordCodec::modelUpdates}
     * @param producedType for example {@code new AvroTypeInfo<>(ModelUpdate.class)}
     */
    public DecodingDeserializationSchema(
            SerializableSupplier<RecordCodec<T>> codecFactory, TypeInformation<T> producedType) {
        this.codecFactory = Objects.requireNonNull(codecFactory, "codecFactory");
        this.producedType = Objects.requireNonNull(producedType, "producedType");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = codecFactory.get();
        undecodable = context.getMetricGroup().addGroup("sentiflow").counter(UNDECODABLE_RECORDS);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        Decoded<T> decoded = codec.decode(record.value());
        if (decoded instanceof Decoded.Ok<T> ok) {
            out.collect(ok.value());
        } else if (decoded instanceof Decoded.Rejected<T> rejected) {
            // Rare (a control topic), and an operator must see it: WARN, once per bad record.
            LOG.warn("dropping undecodable record {}-{}@{}: {} ({})", record.topic(),
                    record.partition(), record.offset(), rejected.failure(), rejected.message());
            undecodable.inc();
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }
}
