package io.sentiflow.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the overview to every open page as a server-sent event {@code overview}: at once when a page
 * connects, within {@value #TICK_MILLIS} ms of any change the desk reads, and every {@value
 * #REFRESH_MILLIS} ms regardless (rates and ages move with the clock). Its own thread; {@link #close()}
 * stops it and closes the streams.
 */
final class DeskEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeskEvents.class);
    static final long TICK_MILLIS = 250;
    static final long REFRESH_MILLIS = 5_000;

    private final DeskState state;
    private final ObjectMapper json;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    DeskEvents(DeskState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
        this.thread = new Thread(this::run, "sentiflow-desk-events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Keeps {@code client} open and sends it the overview now. */
    void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, overview());
    }

    private void run() {
        long sentVersion = -1;
        long sentAt = 0;
        while (!closed) {
            long now = System.currentTimeMillis();
            long version = state.version();
            if (!clients.isEmpty() && (version != sentVersion || now - sentAt >= REFRESH_MILLIS)) {
                String overview = overview();
                clients.forEach(client -> send(client, overview));
                sentVersion = version;
                sentAt = now;
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String overview() {
        try {
            return json.writeValueAsString(state.overview(System.currentTimeMillis()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the desk's overview as JSON", e);
        }
    }

    private static void send(SseClient client, String overview) {
        synchronized (client) { // the ticker and a connecting page may write at once
            client.sendEvent("overview", overview);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(5_000);
        clients.forEach(SseClient::close);
        LOG.debug("Desk event streams closed");
    }
}
