package io.sentiflow.demo;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.job.ScoringJobConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A job of the demo running on its {@link DemoCluster}: its status, waiting until it runs, and
 * cancelling it. Not thread-safe.
 */
final class DemoJob {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final MiniCluster cluster;
    private final JobID id;
    private final String name;

    DemoJob(MiniCluster cluster, JobID id, String name) {
        this.cluster = cluster;
        this.id = id;
        this.name = name;
    }

    JobStatus status() throws Exception {
        return cluster.getJobStatus(id).get(10, TimeUnit.SECONDS);
    }

    /** Whether the job stopped for good (failed, cancelled or finished). */
    boolean hasEnded() throws Exception {
        return status().isGloballyTerminalState();
    }

    /** Waits until the job runs; fails when it ends or does not start in time. */
    DemoJob awaitRunning() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        JobStatus status = status();
        while (status != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + name + " job did not start: it is " + status);
            }
            TimeUnit.MILLISECONDS.sleep(200);
            status = status();
        }
        return this;
    }

    /** Cancels the job and waits until it is gone; harmless when it ended already. */
    void cancel() throws Exception {
        if (!hasEnded()) {
            cluster.cancelJob(id).get(60, TimeUnit.SECONDS);
        }
        try {
            cluster.requestJobResult(id).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // A cancelled job completes its result with an exception: that is the expected end here.
        }
    }

    /**
     * Commits the scoring job's group offsets of the raw topic at its current end: what an earlier,
     * interrupted run left unscored would otherwise arrive first, with event times from that run.
     */
    static void skipEarlierRuns(KafkaConnection connection, ScoringJobConfig job) throws Exception {
        try (Admin admin = Admin.create(connection.toProperties())) {
            String topic = job.topics().raw();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            ends.forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(job.groupId(), offsets).all().get(30, TimeUnit.SECONDS);
        }
    }
}
