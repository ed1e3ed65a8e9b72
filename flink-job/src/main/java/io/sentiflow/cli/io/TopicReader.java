package io.sentiflow.cli.io;

import io.sentiflow.connect.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of a topic without a consumer group (nothing is committed), committed
 * records only ({@code isolation.level=read_committed}), until enough records came or none came for
 * a while. One instance per read; not thread-safe.
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConnection connection;

    public TopicReader(KafkaConnection connection) {
        this.connection = connection;
    }

    /**
     * @param fromBeginning start at the oldest record; otherwise only records that arrive from now on
     * @param max stop after this many records
     * @param idleTimeout stop when no record arrived for this long
     * @return the number of records handed to {@code sink}
     * @throws IllegalArgumentException when the topic does not exist
     */
    public long read(String topic, boolean fromBeginning, long max, Duration idleTimeout,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long idleSince = System.nanoTime();
            while (count < max && System.nanoTime() - idleSince < idleTimeout.toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    idleSince = System.nanoTime();
                    sink.accept(record);
                    if (++count == max) {
                        break;
                    }
                }
            }
        }
        return count;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + connection.bootstrapServers() + " within "
                    + METADATA_TIMEOUT.toSeconds() + " s; is it running? (`sentiflow kafka start` starts the local broker)", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist on " + connection.bootstrapServers());
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private Properties consumerProperties() {
        Properties props = connection.toProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return props;
    }
}
