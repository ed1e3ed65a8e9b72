package io.sentiflow.cli;

import io.sentiflow.deploy.broker.BrokerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Flags of the local broker a command starts for itself when no {@code --bootstrap-servers} is
 * given ({@code demo}, {@code bench pipeline}). A picocli mixin; {@code kafka start} has its own
 * unprefixed {@link KafkaBrokerOptions}.
 */
public final class LocalBrokerOptions {

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Client port of the local broker started when no --bootstrap-servers is given"
                    + " (default: ${DEFAULT-VALUE}).")
    int port = BrokerConfig.DEFAULT_PORT;

    @Option(names = "--kafka-controller-port", paramLabel = "PORT",
            description = "KRaft controller port of that local broker (default: the client port + 1).")
    Integer controllerPort;

    @Option(names = "--kafka-data-dir", paramLabel = "DIR",
            description = "Data folder of that local broker (default: var/kafka in the Sentiflow home, as `kafka start`).")
    Path dataDir;

    /** The broker configuration these flags describe, defaults filled in. */
    public BrokerConfig brokerConfig() {
        BrokerConfig.Builder builder = BrokerConfig.builder().port(port);
        if (controllerPort != null) {
            builder.controllerPort(controllerPort);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        return builder.build();
    }
}
