package io.sentiflow.deploy.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Asks whether something listens on a port and whether it is a Kafka broker. Stateless. */
final class BrokerProbe {

    private BrokerProbe() {}

    /** True when a TCP connection to host:port succeeds within half a second. */
    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An admin client for the local broker, with short timeouts so probes fail fast. */
    static Admin admin(String bootstrapServers) {
        return Admin.create(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    /** True when the cluster answers with at least one registered broker within the timeout. */
    static boolean answersAsKafka(Admin admin, Duration timeout) throws InterruptedException {
        try {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            // Not ready yet (or not Kafka): the caller decides how long to keep asking.
            return false;
        }
    }

    static boolean answersAsKafka(String bootstrapServers, Duration timeout) throws InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            return answersAsKafka(admin, timeout);
        }
    }
}
