package io.sentiflow.desk;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's one Kafka consumer, on its own thread: every partition of every topic the desk reads,
 * committed records only ({@code read_committed}), without a consumer group (nothing is committed; a
 * restart reads the look-back again). It starts each topic where the desk's history or look-back
 * begins (by write time; model.updates and the verdicts from their beginning, both compacted) and hands
 * each decoded record to {@link DeskState}. While Kafka is away the consumer keeps retrying and picks
 * up where it was; topics missing at start are looked for again every few seconds. {@link #close()}
 * stops the thread and closes the consumer.
 */
final class DeskReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeskReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA = Duration.ofSeconds(3);
    private static final long RETRY_MILLIS = 5_000;
    private static final long PRUNE_MILLIS = 60_000;

    private final KafkaConnection connection;
    private final DeskConfig config;
    private final DeskState state;
    private final Thread thread;
    private volatile boolean closed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    DeskReader(KafkaConnection connection, DeskConfig config, DeskState state) {
        this.connection = connection;
        this.config = config;
        this.state = state;
        this.thread = new Thread(this::run, "sentiflow-desk-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Set<String> unassigned = new LinkedHashSet<>(config.topics().read());
        List<TopicPartition> assigned = new ArrayList<>();
        long nextAssign = 0;
        long nextPrune = System.currentTimeMillis() + PRUNE_MILLIS;
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(properties())) {
            consumer = kafka;
            while (!closed) {
                long now = System.currentTimeMillis();
                if (!unassigned.isEmpty() && now >= nextAssign) {
                    assign(kafka, unassigned, assigned);
                    nextAssign = now + RETRY_MILLIS;
                }
                if (assigned.isEmpty()) {
                    pause(POLL.toMillis());
                    continue;
                }
                pollOnce(kafka);
                if (now >= nextPrune) {
                    state.prune();
                    nextPrune = now + PRUNE_MILLIS;
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer: the loop is over.
        }
    }

    private void pollOnce(KafkaConsumer<byte[], byte[]> kafka) {
        try {
            for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                dispatch(record);
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Not fatal for a reader: say so, wait, and go on where the consumer stands.
            LOG.warn("Reading the desk's topics failed, retrying: {}", e.toString());
            pause(RETRY_MILLIS);
        }
    }

    /** Assigns the partitions of the topics that exist now; the others stay in {@code unassigned}. */
    private void assign(KafkaConsumer<byte[], byte[]> kafka, Set<String> unassigned, List<TopicPartition> assigned) {
        List<TopicPartition> added = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String topic : List.copyOf(unassigned)) {
            List<PartitionInfo> partitions;
            try {
                partitions = kafka.partitionsFor(topic, METADATA);
            } catch (KafkaException e) {
                return; // Kafka is away; the broker watch says so on the page
            }
            if (partitions == null || partitions.isEmpty()) {
                missing.add(topic);
            } else {
                partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
                unassigned.remove(topic);
            }
        }
        state.missingTopics(missing);
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        kafka.assign(assigned);
        seekToStart(kafka, added);
        LOG.info("Desk reads {} partitions of {}", added.size(), added.stream().map(TopicPartition::topic).distinct().toList());
    }

    private void seekToStart(KafkaConsumer<byte[], byte[]> kafka, List<TopicPartition> partitions) {
        long now = System.currentTimeMillis();
        Map<TopicPartition, Long> byTime = new HashMap<>();
        List<TopicPartition> fromBeginning = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            String topic = partition.topic();
            if (topic.equals(config.topics().updates()) || topic.equals(config.topics().verdicts())) {
                fromBeginning.add(partition);
            } else if (topic.equals(config.topics().scored()) || topic.equals(config.topics().deadLetters())) {
                byTime.put(partition, now - config.textsLookback().toMillis());
            } else {
                byTime.put(partition, now - config.history().toMillis());
            }
        }
        kafka.seekToBeginning(fromBeginning);
        Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(byTime, METADATA.multipliedBy(2));
        List<TopicPartition> toEnd = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                toEnd.add(partition);
            } else {
                kafka.seek(partition, offset.offset());
            }
        });
        kafka.seekToEnd(toEnd);
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        DeskTopics topics = config.topics();
        String topic = record.topic();
        if (topic.equals(topics.deadLetters())) {
            state.deadLetter(record.timestamp());
        } else if (topic.equals(topics.scored())) {
            decode(record, RecordCodec.scoredTexts()).ifPresent(text -> state.scored(text, record.timestamp()));
        } else if (topic.equals(topics.alerts())) {
            decode(record, RecordCodec.sentimentAlerts()).ifPresent(alert -> state.alert(alert, System.currentTimeMillis()));
        } else if (topic.equals(topics.windowStats())) {
            decode(record, RecordCodec.windowStatistics()).ifPresent(state::window);
        } else if (topic.equals(topics.updates())) {
            decode(record, RecordCodec.modelUpdates()).ifPresent(update -> state.announced(update, record.timestamp()));
        } else if (topic.equals(topics.verdicts())) {
            decode(record, RecordCodec.alertVerdicts()).ifPresent(state::verdict);
        }
    }

    private <T extends SpecificRecord> Optional<T> decode(ConsumerRecord<byte[], byte[]> record, RecordCodec<T> codec) {
        if (record.value() == null) {
            return Optional.empty(); // a tombstone of a compacted topic
        }
        Decoded<T> decoded = codec.decode(record.value());
        if (decoded instanceof Decoded.Ok<T> ok) {
            return Optional.of(ok.value());
        }
        Decoded.Rejected<T> rejected = (Decoded.Rejected<T>) decoded;
        LOG.debug("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), rejected.message());
        state.undecodable(record.topic());
        return Optional.empty();
    }

    private Properties properties() {
        Properties props = connection.toProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sentiflow-desk");
        // Committed records are on the page within a second: the broker answers a fetch at once when
        // data is there, and waits at most this long when none is.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        return props;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        thread.join(10_000);
    }
}
