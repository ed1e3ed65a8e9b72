package io.sentiflow.demo;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches what the jobs commit ({@code read_committed}) to the scored, dead-letter, alerts and
 * model-updates topics from the moment it is created, on its own thread: counts texts, remembers
 * model versions and tells a {@link Listener} of every alert, every published version and the first
 * text scored with each version. Created before the jobs start, so it sees exactly this run's
 * output. Thread-safe: {@link #snapshot()} may be called from any thread; {@link #close()} stops
 * the thread and closes the consumer.
 */
public final class OutputWatcher implements AutoCloseable {

    /** Called on the watcher's thread, in the order the records are read. */
    public interface Listener {
        void alert(SentimentAlert alert);

        void modelPublished(ModelUpdate update);

        /** The first scored text that carries {@code version}. */
        void firstScoredWith(String version, ScoredText text);
    }

    private static final Duration POLL = Duration.ofMillis(200);

    /** What has been seen so far. */
    public record Seen(long scored, long deadLetters, long fired, long resolved, Set<String> modelVersions,
            long firstScoredNanos, long lastScoredNanos) {
        public Seen {
            modelVersions = Set.copyOf(modelVersions);
        }
    }

    private final ScoringJobConfig.Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Listener listener;
    private final RecordCodec<ScoredText> scoredCodec = RecordCodec.scoredTexts();
    private final RecordCodec<SentimentAlert> alertCodec = RecordCodec.sentimentAlerts();
    private final RecordCodec<ModelUpdate> updateCodec = RecordCodec.modelUpdates();
    private final Thread thread;
    private final Set<String> versions = new TreeSet<>();
    private long scored;
    private long deadLetters;
    private long fired;
    private long resolved;
    private long firstScoredNanos;
    private long lastScoredNanos;
    private volatile boolean closed;

    /** Positions at the current ends of the topics, then starts watching. */
    public OutputWatcher(KafkaConnection connection, ScoringJobConfig.Topics topics, Listener listener) {
        this.topics = topics;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(properties(connection));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.scored(), topics.dlq(), topics.alerts(), topics.updates())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the lazy seek now, so output that arrives before the first poll still counts.
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::watch, "sentiflow-demo-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized Seen snapshot() {
        return new Seen(scored, deadLetters, fired, resolved, versions, firstScoredNanos, lastScoredNanos);
    }

    private void watch() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll up: the watch is over.
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.scored())) {
            Decoded<ScoredText> decoded = scoredCodec.decode(record.value());
            boolean newVersion = false;
            synchronized (this) {
                long now = System.nanoTime();
                firstScoredNanos = scored == 0 ? now : firstScoredNanos;
                lastScoredNanos = now;
                scored++;
                if (decoded instanceof Decoded.Ok<ScoredText> ok && ok.value().getModelVersion() != null) {
                    newVersion = versions.add(ok.value().getModelVersion());
                }
            }
            if (newVersion && decoded instanceof Decoded.Ok<ScoredText> ok) {
                listener.firstScoredWith(ok.value().getModelVersion(), ok.value());
            }
        } else if (record.topic().equals(topics.updates())) {
            if (updateCodec.decode(record.value()) instanceof Decoded.Ok<ModelUpdate> ok) {
                listener.modelPublished(ok.value());
            }
        } else if (record.topic().equals(topics.dlq())) {
            synchronized (this) {
                deadLetters++;
            }
        } else if (alertCodec.decode(record.value()) instanceof Decoded.Ok<SentimentAlert> ok) {
            synchronized (this) {
                if (ok.value().getState() == AlertState.FIRING) {
                    fired++;
                } else {
                    resolved++;
                }
            }
            listener.alert(ok.value());
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Properties properties(KafkaConnection connection) {
        Properties props = connection.toProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sentiflow-demo-watcher");
        return props;
    }
}
