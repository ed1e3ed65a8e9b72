package io.sentiflow.learner;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.DecodingDeserializationSchema;
import io.sentiflow.connect.EncodingSerializationSchema;
import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.KafkaSinks;
import io.sentiflow.connect.KafkaSources;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Where the learner job reads and writes. {@link #kafka} gives the production endpoints; tests may
 * build their own.
 *
 * @param feedback raw records of {@code feedback.labels}
 * @param commands decoded {@code learner.control} commands (undecodable ones are dropped and counted)
 * @param updates sink of the ModelUpdates of published versions
 * @param deadLetters sink of refused feedback records
 */
public record LearnerEndpoints(
        Source<RawRecord, ?, ?> feedback,
        Source<LearnerCommand, ?, ?> commands,
        Sink<ModelUpdate> updates,
        Sink<DeadLetter> deadLetters) {

    public LearnerEndpoints {
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }

    /** Kafka sources (committed offsets, else earliest) and exactly-once Kafka sinks, each with its own transactional id. */
    public static LearnerEndpoints kafka(KafkaConnection connection, LearnerJobConfig job) {
        LearnerJobConfig.Topics topics = job.topics();
        String prefix = job.transactionalIdPrefix();
        return new LearnerEndpoints(
                KafkaSources.raw(connection, topics.feedback(), job.groupId(), false),
                KafkaSources.of(connection, topics.control(), job.groupId(), false,
                        new DecodingDeserializationSchema<>(
                                RecordCodec::learnerCommands, new AvroTypeInfo<>(LearnerCommand.class))),
                KafkaSinks.exactlyOnce(connection, prefix + "-updates", job.transactionTimeout(),
                        new EncodingSerializationSchema<>(topics.updates(), RecordCodec::modelUpdates,
                                WireFormat.AVRO, update -> ModelUpdates.KEY)),
                KafkaSinks.deadLetters(connection, prefix + "-dlq", job.transactionTimeout(), topics.dlq(),
                        job.deadLetterMaxBytes()));
    }
}
