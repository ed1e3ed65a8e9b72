package io.sentiflow.cli;

import io.sentiflow.deploy.broker.BrokerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Flags that say which local broker {@code kafka start|stop|status} works on. A picocli mixin. */
public final class KafkaBrokerOptions {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
            description = "Client port of the local broker (default: ${DEFAULT-VALUE}).")
    int port = BrokerConfig.DEFAULT_PORT;

    @Option(names = "--controller-port", paramLabel = "PORT",
            description = "KRaft controller port (default: the client port + 1).")
    Integer controllerPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Broker data, server.properties, broker.log and broker.pid (default: var/kafka in the Sentiflow home).")
    Path dataDir;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = BrokerConfig.DEFAULT_HEAP,
            description = "Maximum heap of the broker JVM, as in -Xmx (default: ${DEFAULT-VALUE}).")
    String heap = BrokerConfig.DEFAULT_HEAP;

    /** The broker configuration these flags describe, defaults filled in. */
    public BrokerConfig brokerConfig() {
        BrokerConfig.Builder builder = BrokerConfig.builder().port(port).heap(heap);
        if (controllerPort != null) {
            builder.controllerPort(controllerPort);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        return builder.build();
    }
}
