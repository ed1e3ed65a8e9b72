package io.sentiflow.testing;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.deploy.topics.TopicCreator;
import io.sentiflow.deploy.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker for tests, started through the same {@code LocalKafkaBroker} code as {@code
 * sentiflow kafka start}, with the project's topics (news.raw, news.scored, news.dlq, alerts,
 * model.updates, feedback.labels) already created.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 * ... KAFKA.bootstrapServers(), KAFKA.connection(), KAFKA.readAll("news.scored", 10, Duration.ofSeconds(30))
 * }</pre>
 *
 * <p>One broker serves the whole test JVM: the first test class starts it, it lives in JUnit's root
 * store and stops when the JVM's tests are done (or when the JVM exits). Tests share it, so each
 * test should use its own topics ({@link #createTopic}) or its own record ids. Thread-safe.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    private volatile KafkaTestBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KafkaTestBroker.class, key -> KafkaTestBroker.start(), KafkaTestBroker.class);
    }

    /**
     * The Kafka broker jars, found as for this extension's broker ({@code -Dsentiflow.kafka.lib}, else
     * {@code deploy/target/kafka-broker/lib} under {@code -Dsentiflow.home} or above the working directory),
     * for tests that run a {@code LocalKafkaBroker} of their own.
     */
    public static java.nio.file.Path brokerLibDir() {
        return KafkaTestBroker.libDir();
    }

    /** {@code 127.0.0.1:PORT} of the running broker. */
    public String bootstrapServers() {
        return started().bootstrapServers();
    }

    /** How to reach the broker, as every Sentiflow client takes it. */
    public KafkaConnection connection() {
        return KafkaConnection.of(bootstrapServers());
    }

    /** Creates a topic unless it exists (replication 1). */
    public void createTopic(String name, int partitions) {
        createTopic(TopicSpec.of(name, partitions));
    }

    /** Creates a topic with its topic-level configs unless it exists (replication 1). */
    public void createTopic(TopicSpec spec) {
        try (TopicCreator creator = new TopicCreator(started().clientProperties())) {
            creator.ensure(List.of(spec));
        }
    }

    /** A topic name no other test uses: {@code prefix-<random>}. */
    public String createUniqueTopic(String prefix, int partitions) {
        return createUniqueTopic(prefix, partitions, Map.of());
    }

    /** As {@link #createUniqueTopic(String, int)}, with topic-level configs such as {@code max.message.bytes}. */
    public String createUniqueTopic(String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(new TopicSpec(name, partitions, configs));
        return name;
    }

    /**
     * Reads a topic from the beginning of every partition with {@code isolation.level=read_committed}
     * until {@code expectedCount} records have arrived or {@code deadline} has passed, whichever
     * comes first; the caller asserts on what came back.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expectedCount, Duration deadline) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, deadline).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < expectedCount && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Consumer properties for this broker: byte arrays, read_committed, no group, from the start. */
    public Properties consumerProperties() {
        Properties props = started().clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private KafkaTestBroker started() {
        KafkaTestBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("the broker starts in beforeAll: register KafkaBrokerExtension"
                    + " on a static field with @RegisterExtension");
        }
        return current;
    }
}
