package io.sentiflow.connect;

import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records of one type to a topic with an idempotent producer ({@code acks=all}), keyed so that
 * every version of a record lands in the same partition, optionally paced to a rate, and waits for
 * every acknowledgement: texts ({@code produce}, benchmarks), labels and commands for the learner
 * ({@code feedback}, {@code learn}, the demo). One instance per send; not thread safe.
 */
public final class RecordSender<T extends SpecificRecord> {

    private final KafkaConnection connection;
    private final String topic;
    private final RecordCodec<T> codec;
    private final WireFormat format;
    private final Function<T, String> keyOf;
    private final double ratePerSecond;

    /** A sender that sends as fast as the broker takes the records. */
    public RecordSender(KafkaConnection connection, String topic, RecordCodec<T> codec, WireFormat format,
            Function<T, String> keyOf) {
        this(connection, topic, codec, format, keyOf, 0);
    }

    /** @param ratePerSecond records per second, or 0 for as fast as the broker takes them */
    public RecordSender(KafkaConnection connection, String topic, RecordCodec<T> codec, WireFormat format,
            Function<T, String> keyOf, double ratePerSecond) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, was " + ratePerSecond);
        }
        this.connection = connection;
        this.topic = topic;
        this.codec = codec;
        this.format = format;
        this.keyOf = keyOf;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * @param progress told the number acknowledged so far, from the producer's I/O thread
     * @return the number sent
     * @throws IllegalStateException when a send failed, saying how many were acknowledged before
     */
    public long send(List<T> records, LongConsumer progress) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties())) {
            for (int i = 0; i < records.size() && failure.get() == null; i++) {
                pace(start, i);
                T record = records.get(i);
                producer.send(new ProducerRecord<>(topic, keyOf.apply(record), codec.encode(record, format)),
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

    private Properties properties() {
        Properties props = connection.reliableProducerProperties();
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
