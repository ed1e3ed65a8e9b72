package io.sentiflow.demo;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a {@link ReplayPlan} to {@code news.raw} as a live stream: each text when its event time
 * comes, divided by the speed-up. Avro single-object encoding, idempotent producer, keyed by id.
 *
 * <p>Texts are spread over the topic's partitions by id, as producers do: the scoring job makes event
 * time per partition, so the alerts do not depend on how they are spread or how far the job lags.
 * One instance per replay, driven from one thread.
 */
public final class Replayer {

    /** Progress seen by the caller between sends. */
    public interface Progress {
        void sent(long count, Instant eventTime);
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final KafkaConnection connection;
    private final String topic;
    private final double speedup;

    public Replayer(KafkaConnection connection, String topic, double speedup) {
        this.connection = connection;
        this.topic = topic;
        this.speedup = speedup;
    }

    /**
     * Sends the events in order until all are sent or {@code stop} says so, then waits until the
     * broker acknowledged each one sent.
     *
     * @return the number acknowledged
     * @throws IllegalStateException when a send failed
     */
    public long replay(List<TextEvent> events, BooleanSupplier stop, Progress progress) {
        RecordCodec<TextEvent> codec = RecordCodec.textEvents();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        long originMs = events.isEmpty() ? 0 : events.get(0).getPublishedAt().toEpochMilli();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < events.size() && failure.get() == null && !stop.getAsBoolean(); i++) {
                TextEvent event = events.get(i);
                waitUntil(start + (long) ((event.getPublishedAt().toEpochMilli() - originMs) * 1_000_000 / speedup), stop);
                producer.send(new ProducerRecord<>(topic, event.getId(), codec.encode(event, WireFormat.AVRO)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                acknowledged.incrementAndGet();
                            }
                        });
                if (System.nanoTime() >= nextProgress) {
                    progress.sent(i + 1, event.getPublishedAt());
                    nextProgress += PROGRESS_EVERY.toNanos();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending to " + topic + " on " + connection.bootstrapServers()
                    + " failed after " + acknowledged.get() + " texts: " + failure.get().getMessage(), failure.get());
        }
        return acknowledged.get();
    }

    private static void waitUntil(long due, BooleanSupplier stop) {
        for (long wait = due - System.nanoTime(); wait > 0 && !stop.getAsBoolean(); wait = due - System.nanoTime()) {
            // Short parks so a stop request is seen within 100 ms.
            LockSupport.parkNanos(Math.min(wait, 100_000_000L));
        }
    }

    private Properties producerProperties() {
        Properties props = connection.reliableProducerProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sentiflow-demo-replay");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        return props;
    }
}
