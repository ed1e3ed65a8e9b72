package io.sentiflow.cli;

import io.sentiflow.connect.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Shared flags that say how to reach Kafka: {@code --bootstrap-servers} (the local broker by
 * default) and {@code --client-config} (a properties file with SASL/SSL settings passed through to
 * every client). Used as a picocli {@code @Mixin}.
 */
public final class ConnectionOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = KafkaConnection.LOCAL_BOOTSTRAP_SERVERS,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, the local broker).")
    private String bootstrapServers = KafkaConnection.LOCAL_BOOTSTRAP_SERVERS;

    @Option(
            names = "--client-config",
            paramLabel = "FILE",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.*), passed to every client.")
    private Path clientConfig;

    /** The connection these flags describe; reads the client config file if one was given. */
    public KafkaConnection connection() {
        return clientConfig == null
                ? KafkaConnection.of(bootstrapServers)
                : KafkaConnection.withPropertiesFile(bootstrapServers, clientConfig);
    }
}
