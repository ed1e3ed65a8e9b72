package io.sentiflow.demo;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The scoring job of the demo, running in the background on a local Flink in this process with
 * the web UI. Before it starts, its consumer group is moved to the end of {@code news.raw}: what
 * an earlier, interrupted run left unscored would otherwise arrive first, with event times from
 * that run. Not thread-safe; {@link #cancel()} cancels the job (which also stops the local Flink).
 */
public final class DemoJob {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final JobClient client;

    private DemoJob(JobClient client) {
        this.client = client;
    }

    /**
     * Starts the job and waits until it runs.
     *
     * @param conf every key of the job ({@code sentiflow.*}) and of Flink, {@code rest.port} included
     */
    public static DemoJob start(KafkaConnection connection, Configuration conf) throws Exception {
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        skipEarlierRuns(connection, job);
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        new ScoringJob(ScoringEndpoints.kafka(connection, job), conf).wire(env);
        DemoJob started = new DemoJob(env.executeAsync(ScoringJob.NAME + "-demo"));
        started.awaitRunning();
        return started;
    }

    /** The web UI's address for {@code conf}. */
    public static String uiAddress(Configuration conf) {
        return "http://localhost:" + conf.get(RestOptions.PORT);
    }

    public JobStatus status() throws Exception {
        return client.getJobStatus().get(10, TimeUnit.SECONDS);
    }

    /** Whether the job stopped for good (failed, cancelled or finished). */
    public boolean hasEnded() throws Exception {
        return status().isGloballyTerminalState();
    }

    private void awaitRunning() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        JobStatus status = status();
        while (status != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the scoring job did not start: it is " + status);
            }
            TimeUnit.MILLISECONDS.sleep(200);
            status = status();
        }
    }

    /** Commits the group's offsets of the raw topic at its current end. */
    private static void skipEarlierRuns(KafkaConnection connection, ScoringJobConfig job) throws Exception {
        try (Admin admin = Admin.create(connection.toProperties())) {
            String topic = job.topics().raw();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            ends.forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(job.groupId(), offsets).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Cancels the job and waits until it is gone; harmless when it ended already. */
    public void cancel() throws Exception {
        if (!hasEnded()) {
            client.cancel().get(60, TimeUnit.SECONDS);
        }
        try {
            client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // A cancelled job completes its result with an exception: that is the expected end here.
        }
    }
}
