package io.sentiflow.it.support;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.job.PrometheusEndpoint;
import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.swap.ModelSource;
import io.sentiflow.swap.StoreModelSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Runs the real scoring job, wired exactly as in production, on an integration test's MiniCluster. */
public final class ScoringRuns {

    public static final int PARALLELISM = 2;

    private ScoringRuns() {}

    /** A MiniCluster with one slot per parallel instance, reporting metrics to {@code metrics}. */
    public static MiniClusterExtension miniCluster(InMemoryReporter metrics) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(PARALLELISM)
                .setConfiguration(metrics.addToConfiguration(new Configuration()))
                .build());
    }

    /**
     * A MiniCluster as {@code sentiflow score} and the demo run one: Flink's Prometheus reporter on
     * {@code prometheus}, one slot per parallel instance.
     */
    public static MiniClusterExtension miniCluster(PrometheusEndpoint prometheus) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(PARALLELISM)
                .setConfiguration(prometheus.addTo(new Configuration()))
                .build());
    }

    /**
     * A MiniCluster of {@code taskManagers}, each with {@code slotsPerTaskManager} slots, the job's
     * slots spread evenly over them: with one slot per TaskManager in use, losing any TaskManager
     * fails a running task, and the others have room for the job to restart on.
     */
    public static MiniClusterExtension miniCluster(InMemoryReporter metrics, int taskManagers, int slotsPerTaskManager) {
        Configuration conf = metrics.addToConfiguration(new Configuration());
        conf.set(TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE, TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS);
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(taskManagers)
                .setNumberSlotsPerTaskManager(slotsPerTaskManager)
                .setConfiguration(conf)
                .build());
    }

    /**
     * The job's configuration for one test: its own topics, consumer group and transactional ids,
     * checkpoints every 500 ms (output becomes visible per checkpoint), and no restart strategy, so
     * any failure fails the job instead of being hidden by a restart.
     */
    public static Configuration configuration(PipelineTopics topics, String store, Path checkpoints, boolean bounded) {
        String unique = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = new Configuration();
        topics.addTo(conf);
        conf.set(ScoringOptions.MODEL_STORE, store);
        conf.set(ScoringOptions.ONNX_THREADS, 1);
        conf.set(ScoringJobOptions.GROUP_ID, unique);
        conf.set(ScoringJobOptions.TRANSACTIONAL_ID_PREFIX, unique);
        conf.set(ScoringJobOptions.TRANSACTION_TIMEOUT, Duration.ofMinutes(2));
        conf.set(ScoringJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        conf.set(ScoringJobOptions.CHECKPOINT_DIR, checkpoints.toUri().toString());
        conf.set(ScoringJobOptions.PARALLELISM, PARALLELISM);
        conf.set(ScoringJobOptions.BOUNDED, bounded);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** Runs a bounded job to its end; throws if it fails. */
    public static JobExecutionResult runToEnd(Configuration conf, KafkaConnection kafka) throws Exception {
        return ScoringJob.run(environment(conf), endpoints(conf, kafka), conf);
    }

    /** Starts an unbounded job; the caller cancels it. */
    public static JobClient start(Configuration conf, KafkaConnection kafka) throws Exception {
        return start(conf, kafka, StoreModelSource.factory());
    }

    /** As {@link #start(Configuration, KafkaConnection)}, with model versions from {@code models}. */
    public static JobClient start(Configuration conf, KafkaConnection kafka, ModelSource.Factory models)
            throws Exception {
        StreamExecutionEnvironment env = environment(conf);
        new ScoringJob(endpoints(conf, kafka), conf, models).wire(env);
        return env.executeAsync(ScoringJob.NAME);
    }

    private static StreamExecutionEnvironment environment(Configuration conf) {
        Configuration flink = ScoringJobConfig.fromConfiguration(conf).flinkSettings();
        flink.addAll(conf);
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }

    private static ScoringEndpoints endpoints(Configuration conf, KafkaConnection kafka) {
        return ScoringEndpoints.kafka(kafka, ScoringJobConfig.fromConfiguration(conf));
    }
}
