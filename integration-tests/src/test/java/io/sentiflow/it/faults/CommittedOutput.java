package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.it.support.TopicIo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a job's output topic as it is committed ({@code read_committed}), keeping every record
 * key (the text id) in arrival order, so a test can act mid-stream and time the recovery. Keeps
 * polling through a broker outage. Not thread-safe; one per test, closed by it.
 */
final class CommittedOutput implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> ids = new ArrayList<>();
    private final Set<String> distinct = new HashSet<>();

    private CommittedOutput(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Starts following every partition of {@code topic} from its beginning. */
    static CommittedOutput follow(TopicIo io, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(io.consumerProperties());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new CommittedOutput(consumer);
    }

    /** Polls until {@code count} distinct ids arrived; fails the test at {@code deadline}. */
    void awaitDistinct(int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (distinct.size() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + distinct.size() + " of " + count + " ids committed within "
                        + deadline);
            }
            poll();
        }
    }

    /**
     * Polls until a record arrives that was not there when called, and says how long after
     * {@code fault} that was: the recovery time, when called once the job has restarted.
     */
    Duration awaitNext(Instant fault, Duration deadline) {
        int before = ids.size();
        long end = System.nanoTime() + deadline.toNanos();
        while (ids.size() == before) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no output committed within " + deadline + " after the fault");
            }
            poll();
        }
        return Duration.between(fault, Instant.now());
    }

    int distinctCount() {
        return distinct.size();
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            String id = new String(record.key(), UTF_8);
            ids.add(id);
            distinct.add(id);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
