package io.sentiflow.connect;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.Preconditions;

/**
 * Builds Sentiflow's exactly-once Kafka sinks. Records become visible to {@code read_committed}
 * consumers when the checkpoint that covers them completes.
 */
public final class KafkaSinks {

    /**
     * The broker refuses a producer whose transaction timeout exceeds its
     * {@code transaction.max.timeout.ms}, 15 minutes by default, and the job then fails at start.
     */
    public static final Duration BROKER_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** Below this a dead letter could not even hold its headers. */
    public static final long MIN_DEAD_LETTER_BYTES = 16 * 1024;

    private KafkaSinks() {}

    /**
     * The exactly-once sink of a job's dead letters. Its producer accepts every record the
     * serializer writes, and the serializer keeps each within {@code maxMessageBytes}, the topic's
     * {@code max.message.bytes}: a dead letter the producer or broker refused would fail the job,
     * again after every restart.
     */
    public static KafkaSink<DeadLetter> deadLetters(KafkaConnection connection, String transactionalIdPrefix,
            Duration transactionTimeout, String topic, long maxMessageBytes) {
        Preconditions.checkArgument(maxMessageBytes >= MIN_DEAD_LETTER_BYTES,
                "the dead-letter topic's max.message.bytes %s must be at least %s", maxMessageBytes,
                MIN_DEAD_LETTER_BYTES);
        Map<String, String> producer = new HashMap<>(connection.clientProperties());
        producer.putIfAbsent("max.request.size", Long.toString(maxMessageBytes));
        return exactlyOnce(new KafkaConnection(connection.bootstrapServers(), producer), transactionalIdPrefix,
                transactionTimeout, new DeadLetterSerializationSchema(topic, maxMessageBytes));
    }

    /**
     * An exactly-once sink.
     *
     * @param transactionalIdPrefix unique per sink and job: two sinks sharing one fence each other
     * @param transactionTimeout how long the broker keeps an open transaction; longer than the
     *     checkpoint interval, at most {@link #BROKER_MAX_TRANSACTION_TIMEOUT}
     */
    public static <T> KafkaSink<T> exactlyOnce(
            KafkaConnection connection,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            KafkaRecordSerializationSchema<T> serializer) {
        Preconditions.checkArgument(
                !transactionalIdPrefix.isBlank(), "transactional id prefix must not be blank");
        Preconditions.checkArgument(
                !transactionTimeout.isNegative()
                        && !transactionTimeout.isZero()
                        && transactionTimeout.compareTo(BROKER_MAX_TRANSACTION_TIMEOUT) <= 0,
                "transaction timeout %s must be positive and at most the broker's maximum %s",
                transactionTimeout,
                BROKER_MAX_TRANSACTION_TIMEOUT);
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(connection.toProperties())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", Long.toString(transactionTimeout.toMillis()))
                .setRecordSerializer(serializer)
                .build();
    }
}
