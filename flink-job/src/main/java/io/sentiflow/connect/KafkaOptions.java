package io.sentiflow.connect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How a job reaches Kafka, as Flink configuration keys, so that {@code flink run} and the
 * command line set the same keys.
 */
public final class KafkaOptions {

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("sentiflow.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue(KafkaConnection.LOCAL_BOOTSTRAP_SERVERS)
                    .withDescription("Comma-separated host:port list of the Kafka brokers.");

    public static final ConfigOption<String> CLIENT_CONFIG =
            ConfigOptions.key("sentiflow.kafka.client-config")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("A Java properties file of extra Kafka client properties "
                            + "(security.protocol, SASL, SSL) passed to every client.");

    public static final ConfigOption<MemorySize> DLQ_MAX_MESSAGE_BYTES =
            ConfigOptions.key("sentiflow.kafka.dlq-max-message-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("2mb"))
                    .withDescription("The dead-letter topic's max.message.bytes (what `kafka start` creates "
                            + "it with): above the raw topic's, so a record near the raw limit fits with "
                            + "its headers. A dead letter that would not fit keeps its headers and "
                            + "coordinates but not its bytes (header sentiflow.value.omitted).");

    public static final ConfigOption<Duration> PARTITION_DISCOVERY =
            ConfigOptions.key("sentiflow.kafka.partition-discovery")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often an unbounded source looks for new partitions of its topic "
                            + "(0 turns discovery off). Well under sentiflow.ingest.out-of-orderness, so texts "
                            + "written to a new partition before it is found still count for alerts.");

    private KafkaOptions() {}

    /** The connection the configuration describes. */
    public static KafkaConnection connection(ReadableConfig config) {
        String servers = config.get(BOOTSTRAP_SERVERS);
        Optional<String> clientConfig = config.getOptional(CLIENT_CONFIG);
        return clientConfig
                .map(file -> KafkaConnection.withPropertiesFile(servers, Path.of(file)))
                .orElseGet(() -> KafkaConnection.of(servers));
    }
}
