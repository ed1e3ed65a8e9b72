package io.sentiflow.it.faults;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.scoring.ScoringOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the real scoring job, wired as in production, on the fault tests' MiniCluster, with no
 * restart strategy: a failure fails the job instead of being hidden by a restart.
 */
final class FaultRuns {

    static final int PARALLELISM = 2;

    private FaultRuns() {}

    /** Configuration with the given topics, its own group and transactional ids, checkpoints every 500 ms. */
    static Configuration configuration(FaultTopics topics, String store, Path checkpoints, boolean bounded) {
        String unique = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = new Configuration();
        conf.set(ScoringJobOptions.RAW_TOPIC, topics.raw());
        conf.set(ScoringJobOptions.SCORED_TOPIC, topics.scored());
        conf.set(ScoringJobOptions.DLQ_TOPIC, topics.dlq());
        conf.set(ScoringJobOptions.UPDATES_TOPIC, topics.updates());
        conf.set(ScoringJobOptions.ALERTS_TOPIC, topics.alerts());
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
    static JobExecutionResult runToEnd(Configuration conf, KafkaConnection kafka) throws Exception {
        return ScoringJob.run(environment(conf), endpoints(conf, kafka), conf);
    }

    /** Starts an unbounded job; the caller cancels it. */
    static JobClient start(Configuration conf, KafkaConnection kafka) throws Exception {
        StreamExecutionEnvironment env = environment(conf);
        new ScoringJob(endpoints(conf, kafka), conf).wire(env);
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
