package io.sentiflow.it.support;

import io.sentiflow.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes test input and reads job output, committed records only, against the shared broker. */
public final class TopicIo {

    /** Kafka's default limits: records of about 1 MiB at most. */
    private static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

    private final Supplier<String> bootstrapServers;
    private final int maxRecordBytes;

    public TopicIo(KafkaBrokerExtension kafka) {
        this(kafka, DEFAULT_MAX_RECORD_BYTES);
    }

    /** For topics created to hold records of up to {@code maxRecordBytes} (oversize-input tests). */
    public TopicIo(KafkaBrokerExtension kafka, int maxRecordBytes) {
        this(kafka::bootstrapServers, maxRecordBytes);
    }

    /**
     * For a broker the test runs itself (one it stops and restarts); {@code bootstrapServers} is
     * asked at each call, so the broker may start after this is built.
     */
    public TopicIo(Supplier<String> bootstrapServers, int maxRecordBytes) {
        this.bootstrapServers = bootstrapServers;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Sends the records and waits until the broker has acknowledged every one. */
    public List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        if (maxRecordBytes > DEFAULT_MAX_RECORD_BYTES) {
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRecordBytes));
            props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(4L * maxRecordBytes));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                acknowledged.add(future.get());
            }
            return acknowledged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending test records failed", e.getCause());
        }
    }

    /**
     * Every committed record of {@code topic}: reads under {@code read_committed} until each
     * partition's last stable offset, as it stands when called.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Properties props = consumerProperties();
        props.put("max.partition.fetch.bytes", Integer.toString(Math.max(maxRecordBytes, DEFAULT_MAX_RECORD_BYTES)));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Byte-array consumer properties: read_committed, no group, from the start. */
    public Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
