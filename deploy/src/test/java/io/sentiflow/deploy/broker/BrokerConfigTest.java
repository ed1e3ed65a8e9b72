package io.sentiflow.deploy.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static BrokerConfig.Builder builder() {
        return BrokerConfig.builder().dataDir(Path.of("/tmp/kafka-data")).libDir(Path.of("/opt/kafka/lib"));
    }

    @Test
    void defaultsToLoopback9092WithControllerOnNextPort() {
        BrokerConfig config = builder().build();

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.controllerPort()).isEqualTo(9093);
        assertThat(config.heap()).isEqualTo("512m");
        assertThat(config.pidFile()).isEqualTo(Path.of("/tmp/kafka-data/broker.pid"));
        assertThat(config.logFile()).isEqualTo(Path.of("/tmp/kafka-data/broker.log"));
    }

    @Test
    void rejectsPortsOutOfRangeOrEqual() {
        assertThatThrownBy(() -> builder().port(0).build()).hasMessageContaining("port must be between 1 and 65535");
        assertThatThrownBy(() -> builder().port(65535).build()).hasMessageContaining("controller port");
        assertThatThrownBy(() -> builder().port(9092).controllerPort(9092).build())
                .hasMessageContaining("must differ");
    }

    @Test
    void rejectsHeapThatIsNotAnXmxSize() {
        assertThatThrownBy(() -> builder().heap("lots").build()).hasMessageContaining("'lots'");
        assertThat(builder().heap("1g").build().heap()).isEqualTo("1g");
    }

    @Test
    void makesRelativeDataDirAbsolute() {
        BrokerConfig config = builder().dataDir(Path.of("var/kafka")).build();

        assertThat(config.dataDir().isAbsolute()).isTrue();
        assertThat(config.dataDir().endsWith(Path.of("var", "kafka"))).isTrue();
    }

    @Test
    void serverPropertiesDescribeASingleNodeKraftBroker() {
        BrokerConfig config = builder().port(19092).controllerPort(19999).build();

        Map<String, String> props = BrokerFiles.serverProperties(config);

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19999")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19999")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("log.dirs", "/tmp/kafka-data/logs")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
        assertThat(BrokerFiles.render(props))
                .contains("\nprocess.roles=broker,controller\n")
                .endsWith("group.initial.rebalance.delay.ms=0\n");
    }

    @Test
    void extraPropertiesGoLastAndOverTheDefaults() {
        BrokerConfig config = builder()
                .property("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500")
                .property("num.partitions", "3")
                .build();

        Map<String, String> props = BrokerFiles.serverProperties(config);

        assertThat(props).containsEntry("num.partitions", "3");
        assertThat(BrokerFiles.render(props)).endsWith("transaction.abort.timed.out.transaction.cleanup.interval.ms=500\n");
    }
}
