package io.sentiflow.desk;

import io.sentiflow.connect.KafkaConnection;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the analysts' labels and verdicts with one idempotent producer ({@code acks=all}) and waits
 * for Kafka's acknowledgement, so the page says sent only when it was. While {@link DeskState} knows
 * Kafka to be away it does not try: the page says so at once. Thread safe (Kafka's producer is).
 */
final class DeskSender implements AutoCloseable {

    private static final Duration CONFIRM = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final DeskState state;

    DeskSender(KafkaConnection connection, DeskState state) {
        this.producer = new KafkaProducer<>(properties(connection));
        this.state = state;
    }

    /**
     * @param what the record in words, for the page ("label", "verdict")
     * @param id the record's id, for the page
     */
    Submission send(String topic, String key, byte[] value, String what, String id) {
        DeskViews.KafkaView kafka = state.kafka();
        if (!kafka.up()) {
            return new Submission.NotSent("Kafka is unreachable (" + kafka.problem() + "): the " + what
                    + " was not sent; send it again once Kafka is back");
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(CONFIRM.toMillis(), TimeUnit.MILLISECONDS);
            return new Submission.Sent(what + " sent to " + topic, id);
        } catch (ExecutionException | TimeoutException e) {
            return new Submission.NotSent("Kafka did not confirm the " + what + " within " + CONFIRM.toSeconds()
                    + " s (" + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + "): it may not"
                    + " have been written; send it again (a repeat has the same id and counts once)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Submission.NotSent("interrupted before Kafka confirmed the " + what);
        }
    }

    private static Properties properties(KafkaConnection connection) {
        Properties props = connection.reliableProducerProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sentiflow-desk");
        // An analyst waits on the page: fail within seconds, not after the producer's default two minutes.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(CONFIRM.toMillis() - 1000));
        return props;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
