package io.sentiflow.desk;

import io.sentiflow.connect.KafkaConnection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Kafka every {@value #EVERY_MILLIS} ms whether it answers, and tells {@link DeskState}, so the page
 * says when the desk reads nothing because Kafka is away (a consumer alone only retries in silence).
 * Its own thread; {@link #close()} stops it.
 */
final class BrokerWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);
    static final long EVERY_MILLIS = 2_000;
    private static final long ANSWER_MILLIS = 3_000;

    private final KafkaConnection connection;
    private final DeskState state;
    private final Thread thread;
    private volatile boolean closed;

    BrokerWatch(KafkaConnection connection, DeskState state) {
        this.connection = connection;
        this.state = state;
        this.thread = new Thread(this::run, "sentiflow-desk-broker-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Properties props = connection.toProperties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sentiflow-desk-watch");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        try (Admin admin = Admin.create(props)) {
            boolean wasUp = true;
            while (!closed) {
                boolean up = check(admin);
                if (up != wasUp) {
                    if (up) {
                        LOG.info("Kafka at {} answers again; the desk catches up", connection.bootstrapServers());
                    } else {
                        LOG.warn("Kafka at {} does not answer; the desk shows what it read before",
                                connection.bootstrapServers());
                    }
                    wasUp = up;
                }
                sleep();
            }
        }
    }

    private boolean check(Admin admin) {
        long now = System.currentTimeMillis();
        try {
            admin.describeCluster().nodes().get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
            state.kafka(true, null, now);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            state.kafka(false, "no answer from Kafka at " + connection.bootstrapServers() + " within "
                    + ANSWER_MILLIS / 1000 + " s", now);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            return false;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(EVERY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
