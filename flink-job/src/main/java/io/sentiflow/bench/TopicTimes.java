package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from its beginning and collects a value per record key (the record id: its Kafka
 * timestamp, its decoded scoredAt, the time this reader saw it...) for a given set of ids, until all
 * of them are seen, a deadline passes or the caller says to stop. One instance per read; not
 * thread-safe; closes its consumer before returning.
 */
final class TopicTimes {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_CHECK_EVERY = Duration.ofSeconds(1);

    private final KafkaConnection connection;
    private final boolean committedOnly;

    /** @param committedOnly read with {@code isolation.level=read_committed} */
    TopicTimes(KafkaConnection connection, boolean committedOnly) {
        this.connection = connection;
        this.committedOnly = committedOnly;
    }

    /**
     * @param value what to keep of a record, taken when the record is polled (the first one per id counts)
     * @return a value per id seen; fewer than {@code ids} when the deadline passed or {@code stop} said so
     */
    <T> Map<String, T> collect(String topic, Set<String> ids, Function<ConsumerRecord<String, byte[]>, T> value,
            Duration timeout, BooleanSupplier stop) {
        Map<String, T> values = new HashMap<>(ids.size() * 2);
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextStopCheck = System.nanoTime();
        boolean stopped = false;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (values.size() < ids.size() && System.nanoTime() < deadline && !stopped) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.key() != null && ids.contains(record.key())) {
                        values.computeIfAbsent(record.key(), key -> value.apply(record));
                    }
                }
                // The stop check may be a remote call (job status): at most once a second.
                if (System.nanoTime() >= nextStopCheck) {
                    stopped = stop.getAsBoolean();
                    nextStopCheck = System.nanoTime() + STOP_CHECK_EVERY.toNanos();
                }
            }
        }
        return values;
    }

    private Properties properties() {
        Properties props = connection.toProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return props;
    }
}
