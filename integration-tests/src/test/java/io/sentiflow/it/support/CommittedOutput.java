package io.sentiflow.it.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a job's output topic as it is committed ({@code read_committed}), keeping every record
 * key (the text id), so a test can act mid-stream and time the recovery from a
 * fault ({@link #committedEnd}, {@link #awaitCommittedPast}). Keeps polling through a broker
 * outage. Not thread-safe; one per test, closed by it.
 */
public final class CommittedOutput implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Set<String> distinct = new HashSet<>();

    private CommittedOutput(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /** Starts following every partition of {@code topic} from its beginning. */
    public static CommittedOutput follow(TopicIo io, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(io.consumerProperties());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new CommittedOutput(consumer, partitions);
    }

    /** Polls until {@code count} distinct ids arrived; fails the test at {@code deadline}. */
    public void awaitDistinct(int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (distinct.size() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + distinct.size() + " of " + count + " ids committed within "
                        + deadline);
            }
            poll(Map.of());
        }
    }

    /**
     * Each partition's last stable offset now: every record below it was committed before this
     * call, and a record at or past it that a {@code read_committed} reader sees was committed after.
     */
    public Map<TopicPartition, Long> committedEnd() {
        return consumer.endOffsets(partitions, Duration.ofSeconds(60));
    }

    /**
     * Polls until a record at or past {@code end} on its partition arrives, and says when: the first
     * record committed after {@code end} was read. Fails the test at {@code deadline}.
     */
    public Instant awaitCommittedPast(Map<TopicPartition, Long> end, Duration deadline) {
        long stop = System.nanoTime() + deadline.toNanos();
        while (!poll(end)) {
            if (System.nanoTime() > stop) {
                throw new AssertionError("nothing committed past " + end + " within " + deadline);
            }
        }
        return Instant.now();
    }

    /** Polls for {@code period}; returns how many distinct ids arrived so far. */
    public int pollFor(Duration period) {
        long end = System.nanoTime() + period.toNanos();
        do {
            poll(Map.of());
        } while (System.nanoTime() < end);
        return distinct.size();
    }

    /** Polls until an id that {@code wanted} accepts arrives, and says when. Fails the test at {@code deadline}. */
    public Instant awaitAny(Predicate<String> wanted, Duration deadline) {
        long stop = System.nanoTime() + deadline.toNanos();
        while (distinct.stream().noneMatch(wanted)) {
            if (System.nanoTime() > stop) {
                throw new AssertionError("no wanted id committed within " + deadline);
            }
            poll(Map.of());
        }
        return Instant.now();
    }

    /** One poll; whether it read a record at or past {@code end} on its partition. */
    private boolean poll(Map<TopicPartition, Long> end) {
        boolean past = false;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            distinct.add(new String(record.key(), UTF_8));
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            past |= record.offset() >= end.getOrDefault(partition, Long.MAX_VALUE);
        }
        return past;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
