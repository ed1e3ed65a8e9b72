package io.sentiflow.job;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.DecodingDeserializationSchema;
import io.sentiflow.connect.EncodingSerializationSchema;
import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.KafkaSinks;
import io.sentiflow.connect.KafkaSources;
import io.sentiflow.ingest.IngestDeserializationSchema;
import io.sentiflow.ingest.IngestedRecord;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.WindowStatistics;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Where the scoring job reads and writes. {@link #kafka} gives the production endpoints; tests
 * may build their own.
 *
 * @param texts the records of {@code news.raw}, validated inside the source
 * @param modelUpdates decoded pointers of {@code model.updates}
 * @param scored sink of scored texts
 * @param deadLetters sink of refused records
 * @param alerts sink of spike alerts
 * @param windowStatistics sink of the alert windows as the detector judged them
 */
public record ScoringEndpoints(
        Source<IngestedRecord, ?, ?> texts,
        Source<ModelUpdate, ?, ?> modelUpdates,
        Sink<ScoredText> scored,
        Sink<DeadLetter> deadLetters,
        Sink<SentimentAlert> alerts,
        Sink<WindowStatistics> windowStatistics) {

    public ScoringEndpoints {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(modelUpdates, "modelUpdates");
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(windowStatistics, "windowStatistics");
    }

    /**
     * Kafka sources (committed offsets, else earliest; bounded to the offsets at start when
     * {@code job.bounded()}, else finding new partitions every {@code job.partitionDiscovery()})
     * and exactly-once Kafka sinks, each with its own transactional id and the output topic's wire
     * format.
     */
    public static ScoringEndpoints kafka(KafkaConnection connection, ScoringJobConfig job) {
        ScoringJobConfig.Topics topics = job.topics();
        ScoringJobConfig.OutputFormats formats = job.outputFormats();
        String prefix = job.transactionalIdPrefix();
        return new ScoringEndpoints(
                KafkaSources.of(connection, topics.raw(), job.groupId(), job.bounded(), job.partitionDiscovery(),
                        new IngestDeserializationSchema(job.ingest())),
                KafkaSources.of(connection, topics.updates(), job.groupId(), job.bounded(), job.partitionDiscovery(),
                        new DecodingDeserializationSchema<>(
                                RecordCodec::modelUpdates, new AvroTypeInfo<>(ModelUpdate.class))),
                KafkaSinks.exactlyOnce(connection, prefix + "-scored", job.transactionTimeout(),
                        new EncodingSerializationSchema<>(
                                topics.scored(), RecordCodec::scoredTexts, formats.scored(), ScoredText::getId)),
                KafkaSinks.deadLetters(connection, prefix + "-dlq", job.transactionTimeout(), topics.dlq(),
                        job.deadLetterMaxBytes()),
                KafkaSinks.exactlyOnce(connection, prefix + "-alerts", job.transactionTimeout(),
                        new EncodingSerializationSchema<>(topics.alerts(), RecordCodec::sentimentAlerts,
                                formats.alerts(), SentimentAlert::getAlertId)),
                KafkaSinks.exactlyOnce(connection, prefix + "-stats", job.transactionTimeout(),
                        new EncodingSerializationSchema<>(topics.windowStats(), RecordCodec::windowStatistics,
                                formats.windowStats(), ScoringEndpoints::statisticsKey)));
    }

    /** {@code KIND:key}: one key's windows share a partition, so a reader gets them in order. */
    static String statisticsKey(WindowStatistics statistics) {
        return statistics.getKeyKind().name() + ':' + statistics.getKey();
    }
}
