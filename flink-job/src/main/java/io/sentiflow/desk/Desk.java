package io.sentiflow.desk;

import io.sentiflow.connect.KafkaConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The risk desk: a web page that shows, live, where sentiment turns (the detector's windows), the
 * alerts with their evidence and the words it rests on, the model serving, the scoring and dead-letter
 * rates, and takes analysts' corrections and verdicts back to Kafka. Everything shown is read from the
 * topics (committed records only); nothing is computed that the job did not publish, except which
 * words a version weighed most. It keeps running while Kafka is away, says so, and catches up.
 *
 * <p>{@link #start} starts the reader, the broker watch and the web server; {@link #close()} stops them.
 */
public final class Desk implements AutoCloseable {

    private final List<AutoCloseable> parts;
    private final DeskServer server;
    private final DeskState state;

    private Desk(List<AutoCloseable> parts, DeskServer server, DeskState state) {
        this.parts = parts;
        this.server = server;
        this.state = state;
    }

    public static Desk start(KafkaConnection connection, DeskConfig config) {
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            DeskState state = new DeskState(config);
            BrokerWatch watch = new BrokerWatch(connection, state);
            parts.add(watch);
            watch.start();
            DeskReader reader = new DeskReader(connection, config, state);
            parts.add(reader);
            reader.start();
            DeskSender sender = new DeskSender(connection, state);
            parts.add(sender);
            AttentionReader attention = new AttentionReader(config.store());
            parts.add(attention);
            DeskServer server = DeskServer.start(config, state,
                    new DeskActions(state, sender, config.topics(), Clock.systemUTC()), attention);
            parts.add(0, server);
            return new Desk(parts, server, state);
        } catch (RuntimeException e) {
            closeAll(parts, e);
            throw e;
        }
    }

    /** The page's address, for example {@code http://127.0.0.1:8090/}. */
    public String address() {
        return server.address();
    }

    /** What the desk knows now, for tests and for a caller that reports it. */
    public DeskState state() {
        return state;
    }

    @Override
    public void close() {
        IllegalStateException failure = new IllegalStateException("the desk did not stop cleanly");
        closeAll(parts, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(List<AutoCloseable> parts, Exception failure) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
