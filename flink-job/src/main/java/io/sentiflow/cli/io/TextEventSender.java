package io.sentiflow.cli.io;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends TextEvents to a topic in one wire format with an idempotent producer ({@code acks=all}),
 * keyed by id so that every version of a text lands in the same partition. Optionally paced to a
 * rate. One instance per send; not thread-safe.
 */
public final class TextEventSender {

    private final KafkaConnection connection;
    private final String topic;
    private final WireFormat format;
    private final double ratePerSecond;

    /** @param ratePerSecond records per second, or 0 for as fast as the broker takes them */
    public TextEventSender(KafkaConnection connection, String topic, WireFormat format, double ratePerSecond) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, was " + ratePerSecond);
        }
        this.connection = connection;
        this.topic = topic;
        this.format = format;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Sends all events and waits until the broker has acknowledged every one.
     *
     * @param progress told the number acknowledged so far, from the producer's I/O thread
     * @return the number sent
     * @throws IllegalStateException when any send failed; nothing is retried beyond the producer's own retries
     */
    public long send(List<TextEvent> events, LongConsumer progress) {
        RecordCodec<TextEvent> codec = RecordCodec.textEvents();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < events.size() && failure.get() == null; i++) {
                pace(start, i);
                TextEvent event = events.get(i);
                producer.send(new ProducerRecord<>(topic, event.getId(), codec.encode(event, format)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                progress.accept(acknowledged.incrementAndGet());
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending to " + topic + " on " + connection.bootstrapServers()
                    + " failed after " + acknowledged.get() + " records: " + failure.get().getMessage()
                    + (acknowledged.get() == 0 ? " (is Kafka running there and does the topic exist?"
                            + " `sentiflow kafka start` starts the local broker and creates the topics)" : ""),
                    failure.get());
        }
        return acknowledged.get();
    }

    private Properties producerProperties() {
        Properties props = connection.toProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Fail within half a minute when the broker is unreachable or the topic missing, not after the default minute.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Duration.ofSeconds(30).toMillis()));
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Duration.ofSeconds(60).toMillis()));
        return props;
    }

    /** Waits until record {@code index} is due at the configured rate. */
    private void pace(long start, int index) {
        if (ratePerSecond == 0) {
            return;
        }
        long due = start + (long) (index * 1_000_000_000d / ratePerSecond);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
