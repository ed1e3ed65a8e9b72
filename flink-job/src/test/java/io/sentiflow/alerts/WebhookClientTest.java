package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook client against a real local HTTP server. */
class WebhookClientTest {

    private HttpServer server;
    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hold;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            if (hold) {
                release.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        synchronized (statuses) {
            status = statuses.isEmpty() ? 200 : statuses.poll();
        }
        if (status == 200) {
            bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private WebhookConfig config(int queueCapacity, int maxAttempts) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        return new WebhookConfig(url, queueCapacity, maxAttempts, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private static void await(BooleanSupplier condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition before the deadline").isLessThan(end);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void postsEachBodyAsJson() throws Exception {
        try (WebhookClient client = new WebhookClient(config(10, 3))) {
            assertThat(client.offer("{\"alertId\":\"a\"}")).isTrue();

            assertThat(bodies.poll(10, TimeUnit.SECONDS)).isEqualTo("application/json {\"alertId\":\"a\"}");
            await(() -> client.delivered() == 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void retriesServerErrorsWithBackOffUntilDelivered() throws Exception {
        statuses.addAll(java.util.List.of(503, 500, 429));
        try (WebhookClient client = new WebhookClient(config(10, 5))) {
            client.offer("{\"n\":1}");

            assertThat(bodies.poll(10, TimeUnit.SECONDS)).endsWith("{\"n\":1}");
            await(() -> client.delivered() == 1, Duration.ofSeconds(10));
            assertThat(client.failed()).isZero();
        }
    }

    @Test
    void givesUpAfterTheLastAttemptAndOnRefusals() throws Exception {
        statuses.addAll(java.util.List.of(500, 500, 400));
        try (WebhookClient client = new WebhookClient(config(10, 2))) {
            client.offer("{\"n\":1}");
            client.offer("{\"n\":2}");
            client.offer("{\"n\":3}");

            assertThat(bodies.poll(10, TimeUnit.SECONDS)).endsWith("{\"n\":3}");
            await(() -> client.failed() == 2 && client.delivered() == 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void aFullQueueDropsInsteadOfBlockingTheCaller() throws Exception {
        hold = true;
        try (WebhookClient client = new WebhookClient(config(2, 1))) {
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += client.offer("{\"n\":" + i + "}") ? 1 : 0;
            }

            assertThat(accepted).isBetween(2, 3);
            assertThat(client.dropped()).isEqualTo(10 - accepted);
            release.countDown();
            long queued = accepted;
            await(() -> client.delivered() == queued, Duration.ofSeconds(10));
        }
    }

    @Test
    void closeDeliversWhatIsQueued() throws Exception {
        WebhookClient client = new WebhookClient(config(10, 1));
        for (int i = 0; i < 5; i++) {
            client.offer("{\"n\":" + i + "}");
        }

        client.close();

        assertThat(client.delivered()).isEqualTo(5);
        assertThat(bodies).hasSize(5);
        assertThat(client.offer("{}")).isFalse();
    }

    @Test
    void configurationIsOffWithoutAUrlAndChecksIt() {
        assertThat(WebhookConfig.fromConfiguration(new Configuration())).isEmpty();
        Configuration bad = new Configuration();
        bad.set(WebhookOptions.URL, "ftp://example.org/hook");
        assertThatThrownBy(() -> WebhookConfig.fromConfiguration(bad)).hasMessageContaining("sentiflow.alerts.webhook.url");
        Configuration good = new Configuration();
        good.set(WebhookOptions.URL, "https://chat.example.org/hook");
        WebhookConfig config = WebhookConfig.fromConfiguration(good).orElseThrow();
        assertThat(config.backoffBefore(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.backoffBefore(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffBefore(20)).isEqualTo(Duration.ofSeconds(30));
    }
}
