package io.sentiflow.it.learner;

import io.sentiflow.learner.LearnerMetrics;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Waiting on the learner's observable effects: store contents, committed offsets, metrics. */
final class Polling {

    private static final Duration PAUSE = Duration.ofMillis(200);

    private Polling() {}

    /** Polls {@code probe} until it gives a value; fails after {@code deadline}. */
    static <T> T until(Duration deadline, Supplier<Optional<T>> probe) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        AtomicReference<T> found = new AtomicReference<>();
        CommonTestUtils.waitUntilCondition(() -> {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + deadline);
            }
            probe.get().ifPresent(found::set);
            return found.get() != null;
        }, PAUSE.toMillis());
        return found.get();
    }

    /** The offset consumer group {@code groupId} committed for partition 0 of {@code topic} (on a checkpoint). */
    static Optional<Long> committedOffset(KafkaBrokerExtension kafka, String groupId, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return Optional.ofNullable(offset).map(OffsetAndMetadata::offset);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read offsets of " + groupId, e.getCause());
        }
    }

    /** The learner operator's counter {@code name} ({@link LearnerMetrics}) in {@code job}. */
    static long counter(InMemoryReporter metrics, JobClient job, String name) {
        return metrics.findMetrics(job.getJobID(), name).entrySet().stream()
                .filter(e -> e.getKey().endsWith(LearnerMetrics.GROUP + "." + name))
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }
}
