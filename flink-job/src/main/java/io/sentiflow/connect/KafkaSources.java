package io.sentiflow.connect;

import java.time.Duration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.KafkaSourceOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Builds the Kafka sources of Sentiflow's jobs. Every source resumes from the offsets its consumer
 * group committed at the last checkpoint, or starts at the earliest offset when the group has none;
 * a bounded source stops at the latest offsets found when the job starts. An unbounded source looks
 * for new partitions of its topic and reads each one it finds from its earliest offset.
 */
public final class KafkaSources {

    private KafkaSources() {}

    /** The undecoded records of {@code topic}; decoding and validation come after. */
    public static KafkaSource<RawRecord> raw(
            KafkaConnection connection, String topic, String groupId, boolean bounded) {
        return of(connection, topic, groupId, bounded, new RawRecordDeserializationSchema());
    }

    /** Records of {@code topic} turned into {@code T} by {@code deserializer}; discovery at its default interval. */
    public static <T> KafkaSource<T> of(
            KafkaConnection connection,
            String topic,
            String groupId,
            boolean bounded,
            KafkaRecordDeserializationSchema<T> deserializer) {
        return of(connection, topic, groupId, bounded, KafkaOptions.PARTITION_DISCOVERY.defaultValue(), deserializer);
    }

    /**
     * Records of {@code topic} turned into {@code T} by {@code deserializer}; unbounded, the source
     * looks for new partitions every {@code partitionDiscovery} (zero: never).
     */
    @SuppressWarnings("deprecation") // the connector's API still takes the deprecated enum
    public static <T> KafkaSource<T> of(
            KafkaConnection connection,
            String topic,
            String groupId,
            boolean bounded,
            Duration partitionDiscovery,
            KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setProperties(connection.toProperties())
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        } else {
            // The connector's own default looks only every 5 minutes; non-positive turns it off.
            long millis = partitionDiscovery.isZero() ? -1 : partitionDiscovery.toMillis();
            builder.setProperty(KafkaSourceOptions.PARTITION_DISCOVERY_INTERVAL_MS.key(), Long.toString(millis));
        }
        return builder.build();
    }
}
