package io.sentiflow.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.deploy.broker.BrokerConfig;
import io.sentiflow.deploy.broker.BrokerException;
import io.sentiflow.deploy.broker.BrokerStatus;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What {@code sentiflow kafka start|stop|status} promise, checked on real broker processes. */
class LocalKafkaBrokerITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path dataDir;

    private LocalKafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void startsFormatsAndRecordsPidThenSecondStartIsHarmless() throws IOException {
        broker = new LocalKafkaBroker(config(freePort()));

        BrokerStatus first = broker.start();
        BrokerStatus second = broker.start();

        assertThat(first.state()).isEqualTo(BrokerStatus.State.STARTED);
        assertThat(second.state()).isEqualTo(BrokerStatus.State.RUNNING);
        assertThat(second.pid()).isEqualTo(first.pid());
        assertThat(Files.readString(dataDir.resolve("broker.pid")).trim())
                .isEqualTo(String.valueOf(first.pid().getAsLong()));
        assertThat(dataDir.resolve("logs/meta.properties")).isRegularFile();
        assertThat(Files.readString(dataDir.resolve("server.properties"))).contains("process.roles=broker,controller");
    }

    @Test
    void stopEndsTheRecordedBrokerAndStatusSaysSo() {
        broker = new LocalKafkaBroker(config(freePort()));
        long pid = broker.start().pid().getAsLong();

        assertThat(broker.stop()).isTrue();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(broker.status().state()).isEqualTo(BrokerStatus.State.STOPPED);
        assertThat(dataDir.resolve("broker.pid")).doesNotExist();
        assertThat(broker.stop()).isFalse();
    }

    @Test
    void neverStopsAProcessThatMerelyHasTheRecordedPid() throws IOException {
        broker = new LocalKafkaBroker(config(freePort()));
        // This test JVM is alive but is no Kafka broker: a reused pid must not be killed.
        Files.writeString(dataDir.resolve("broker.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(broker.stop()).isFalse();
        assertThat(broker.status().state()).isEqualTo(BrokerStatus.State.STOPPED);
    }

    @Test
    void leavesAnotherBrokerOnThePortAloneAndReportsIt() {
        int port = Integer.parseInt(KAFKA.bootstrapServers().substring(KAFKA.bootstrapServers().lastIndexOf(':') + 1));
        LocalKafkaBroker other = new LocalKafkaBroker(config(port));

        assertThat(other.start().state()).isEqualTo(BrokerStatus.State.FOREIGN);
        assertThat(other.stop()).isFalse();
        assertThat(other.status().state()).isEqualTo(BrokerStatus.State.FOREIGN);
    }

    @Test
    void failsClearlyWithoutBrokerJars() {
        LocalKafkaBroker noJars = new LocalKafkaBroker(BrokerConfig.builder()
                .port(freePort()).dataDir(dataDir).libDir(dataDir.resolve("missing-lib")).build());

        assertThatThrownBy(noJars::start)
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("no Kafka broker jars in")
                .hasMessageContaining("mvn -pl deploy package");
    }

    @Test
    void reportsTheLogTailWhenTheBrokerDiesWhileStarting() {
        int port = freePort();
        broker = new LocalKafkaBroker(config(port));
        broker.start();
        broker.stop();
        // Formatted storage, but a JVM that cannot start: the broker process dies at once.
        LocalKafkaBroker starved = new LocalKafkaBroker(BrokerConfig.builder().port(port).controllerPort(freePort())
                .dataDir(dataDir).libDir(KafkaBrokerExtension.brokerLibDir()).heap("1k").build());

        assertThatThrownBy(starved::start)
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("exited while starting")
                .hasMessageContaining("broker.log")
                .hasMessageContaining("heap");
        assertThat(dataDir.resolve("broker.pid")).doesNotExist();
    }

    private BrokerConfig config(int port) {
        return BrokerConfig.builder()
                .port(port)
                .controllerPort(freePort())
                .dataDir(dataDir)
                .libDir(KafkaBrokerExtension.brokerLibDir())
                .startTimeout(Duration.ofSeconds(60))
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
