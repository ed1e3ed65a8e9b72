package io.sentiflow.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON bodies to a webhook from its own thread, so the caller never waits on the network:
 * {@link #offer} puts a body into a bounded queue and returns at once (false, and counted as
 * dropped, when the queue is full). Connection errors, 429 and 5xx are retried with doubling
 * back-off up to {@code max-attempts}; other answers fail the body at once. Thread-safe: any
 * thread may offer; one worker thread sends. The creator closes it; {@link #close} delivers what
 * is queued for at most {@code drain-timeout}.
 */
public final class WebhookClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);

    private final WebhookConfig config;
    private final HttpClient http;
    private final BlockingQueue<String> queue;
    private final Thread worker;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;

    private enum Answer { DELIVERED, RETRY, REFUSED }

    public WebhookClient(WebhookConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.worker = new Thread(this::run, "sentiflow-alert-webhook");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues a body for delivery; never blocks. False when closing or the queue is full. */
    public boolean offer(String json) {
        if (closing || !queue.offer(json)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        try {
            while (!(closing && queue.isEmpty())) {
                String json = queue.poll(100, TimeUnit.MILLISECONDS);
                if (json != null) {
                    deliver(json);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String json) throws InterruptedException {
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) {
                TimeUnit.MILLISECONDS.sleep(config.backoffBefore(attempt).toMillis());
            }
            Answer answer = post(json, attempt);
            if (answer == Answer.DELIVERED) {
                delivered.incrementAndGet();
                return;
            }
            if (answer == Answer.REFUSED) {
                break;
            }
        }
        failed.incrementAndGet();
    }

    private Answer post(String json, int attempt) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(config.url())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return Answer.DELIVERED;
            }
            boolean retry = status == 429 || status >= 500;
            LOG.warn("Alert webhook {} answered HTTP {} (try {} of {}){}", config.url(), status, attempt,
                    config.maxAttempts(), retry ? "" : "; not retrying");
            return retry ? Answer.RETRY : Answer.REFUSED;
        } catch (IOException e) {
            LOG.warn("Alert webhook {} unreachable (try {} of {}): {}", config.url(), attempt, config.maxAttempts(),
                    e.toString());
            return Answer.RETRY;
        }
    }

    /** Stops taking bodies, delivers the queued ones for at most {@code drain-timeout}, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join(Math.max(1, config.drainTimeout().toMillis()));
        } catch (InterruptedException e) {
            // The task is being cancelled: stop delivering now, keep the interrupt for the caller.
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            dropped.addAndGet(left);
            queue.clear();
            LOG.warn("Alert webhook closed with {} alerts undelivered", left);
        }
    }
}
