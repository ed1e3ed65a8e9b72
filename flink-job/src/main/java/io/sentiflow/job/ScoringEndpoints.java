package io.sentiflow.job;

import io.sentiflow.connect.AvroRecordSerializationSchema;
import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.DeadLetterSerializationSchema;
import io.sentiflow.connect.DecodingDeserializationSchema;
import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.KafkaSinks;
import io.sentiflow.connect.KafkaSources;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Where the scoring job reads and writes. {@link #kafka} gives the production endpoints; tests
 * may build their own.
 *
 * @param texts raw records of {@code news.raw}
 * @param modelUpdates decoded pointers of {@code model.updates}
 * @param scored sink of scored texts
 * @param deadLetters sink of refused records
 * @param alerts sink of spike alerts
 */
public record ScoringEndpoints(
        Source<RawRecord, ?, ?> texts,
        Source<ModelUpdate, ?, ?> modelUpdates,
        Sink<ScoredText> scored,
        Sink<DeadLetter> deadLetters,
        Sink<SentimentAlert> alerts) {

    /** Largest dead letter the producer sends; well above Kafka's 1 MiB default message size. */
    public static final int DEAD_LETTER_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    public ScoringEndpoints {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(modelUpdates, "modelUpdates");
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(alerts, "alerts");
    }

    /**
     * Kafka sources (committed offsets, else earliest; bounded to the offsets at start when
     * {@code job.bounded()}) and exactly-once Kafka sinks, each with its own transactional id.
     */
    public static ScoringEndpoints kafka(KafkaConnection connection, ScoringJobConfig job) {
        ScoringJobConfig.Topics topics = job.topics();
        String prefix = job.transactionalIdPrefix();
        return new ScoringEndpoints(
                KafkaSources.raw(connection, topics.raw(), job.groupId(), job.bounded()),
                KafkaSources.of(connection, topics.updates(), job.groupId(), job.bounded(),
                        new DecodingDeserializationSchema<>(
                                RecordCodec::modelUpdates, new AvroTypeInfo<>(ModelUpdate.class))),
                KafkaSinks.exactlyOnce(connection, prefix + "-scored", job.transactionTimeout(),
                        new AvroRecordSerializationSchema<>(
                                topics.scored(), RecordCodec::scoredTexts, ScoredText::getId)),
                KafkaSinks.exactlyOnce(deadLetterProducer(connection), prefix + "-dlq", job.transactionTimeout(),
                        new DeadLetterSerializationSchema(topics.dlq())),
                KafkaSinks.exactlyOnce(connection, prefix + "-alerts", job.transactionTimeout(),
                        new AvroRecordSerializationSchema<>(
                                topics.alerts(), RecordCodec::sentimentAlerts, SentimentAlert::getAlertId)));
    }

    /**
     * The dead-letter producer must accept every record the raw topic could hold, oversize ones
     * included: a producer that refused one would fail the job. The DLQ topic's own
     * {@code max.message.bytes} must be at least the raw topic's.
     */
    private static KafkaConnection deadLetterProducer(KafkaConnection connection) {
        Map<String, String> properties = new HashMap<>(connection.clientProperties());
        properties.putIfAbsent("max.request.size", Integer.toString(DEAD_LETTER_MAX_REQUEST_BYTES));
        return new KafkaConnection(connection.bootstrapServers(), properties);
    }
}
