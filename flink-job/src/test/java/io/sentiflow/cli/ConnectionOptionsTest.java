package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConnectionOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin ConnectionOptions options;
    }

    @Test
    void defaultsToTheLocalBrokerWithoutClientProperties() {
        Probe probe = CommandLine.populateCommand(new Probe());

        assertThat(probe.options.connection()).isEqualTo(KafkaConnection.of("127.0.0.1:9092"));
    }

    @Test
    void passesClientConfigFilePropertiesThrough(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");

        Probe probe = CommandLine.populateCommand(new Probe(),
                "--bootstrap-servers", "kafka-1:9093,kafka-2:9093", "--client-config", config.toString());

        KafkaConnection connection = probe.options.connection();
        assertThat(connection.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(connection.toProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093");
    }
}
