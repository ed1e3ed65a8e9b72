package io.sentiflow.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How to reach a Kafka cluster: the bootstrap servers plus any client properties (SASL, SSL, ...)
 * that every producer, consumer and admin client of Sentiflow passes through unchanged.
 *
 * <p>Immutable and serializable, so a job can carry it to its operators.
 *
 * @param bootstrapServers comma-separated host:port list
 * @param clientProperties extra Kafka client properties, for example {@code security.protocol}
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientProperties)
        implements Serializable {

    /** The embedded default: the local broker that {@code sentiflow kafka start} runs. */
    public static final String LOCAL_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be blank");
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * Reads client properties from a Java properties file, as Kafka's own tools do with
     * {@code --command-config}.
     */
    public static KafkaConnection withPropertiesFile(String bootstrapServers, Path file) {
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka client properties from " + file, e);
        }
        Map<String, String> map = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> map.put(name, loaded.getProperty(name)));
        return new KafkaConnection(bootstrapServers, map);
    }

    /** A fresh {@link Properties} holding the client properties and the bootstrap servers. */
    public Properties toProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /**
     * {@link #toProperties()} for a producer of string keys and byte values that loses and
     * duplicates nothing it was told was sent (idempotent, acks from all replicas); callers add
     * their own client id and timeouts.
     */
    public Properties reliableProducerProperties() {
        Properties props = toProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }
}
