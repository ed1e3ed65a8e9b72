package io.sentiflow.ingest;

import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Validates every {@code news.raw} record inside the Kafka source, so that the source sees each
 * text's {@code publishedAt} and can make event time per Kafka partition ({@link IngestWatermarks}).
 * Emits exactly one {@link IngestedRecord} per Kafka record and never throws on any bytes: judging
 * them is {@link TextValidation}'s job, and refused records travel on as dead letters.
 */
public final class IngestDeserializationSchema implements KafkaRecordDeserializationSchema<IngestedRecord> {

    private static final long serialVersionUID = 1L;

    private final IngestConfig config;
    private transient TextValidation validation;

    public IngestDeserializationSchema(IngestConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        validation = new TextValidation(RecordCodec.textEvents(), config);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedRecord> out) {
        RawRecord raw = new RawRecord(
                record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(), record.value());
        out.collect(validation.validate(raw, System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<IngestedRecord> getProducedType() {
        return TypeInformation.of(IngestedRecord.class);
    }
}
