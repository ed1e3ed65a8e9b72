package io.sentiflow.it.learner;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.learner.LearnerEndpoints;
import io.sentiflow.learner.LearnerJob;
import io.sentiflow.learner.LearnerJobConfig;
import io.sentiflow.learner.LearnerJobOptions;
import io.sentiflow.learner.LearnerOptions;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the real learner job, wired as in production, on an integration test's MiniCluster. */
final class LearnerRuns {

    /** Replay examples per class in tests: 3 sentiment and 20 topic classes make 460. */
    static final int REPLAY_PER_CLASS = 20;
    /** Regression sets of 300 texts each: the size of TinyModels' own valid samples. */
    static final int REGRESSION_MAX = 300;

    private LearnerRuns() {}

    /** Fresh feedback, control, updates and dead-letter topics for one test. */
    record Topics(String feedback, String control, String updates, String dlq) {
        static Topics create(KafkaBrokerExtension kafka, String test) {
            return new Topics(kafka.createUniqueTopic(test + "-feedback", 1),
                    kafka.createUniqueTopic(test + "-control", 1),
                    kafka.createUniqueTopic(test + "-updates", 1),
                    kafka.createUniqueTopic(test + "-dlq", 1));
        }
    }

    /**
     * The learner's configuration for one test: its own topics, group and transactional ids,
     * checkpoints every 500 ms, no restart strategy, small replay and regression sets, the tests'
     * embedding cache, and a round at {@code triggerCount} labels.
     */
    static Configuration configuration(Topics topics, String store, Path checkpoints, int triggerCount) {
        String unique = "it-learner-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = new Configuration();
        conf.set(LearnerJobOptions.FEEDBACK_TOPIC, topics.feedback());
        conf.set(LearnerJobOptions.CONTROL_TOPIC, topics.control());
        conf.set(LearnerJobOptions.UPDATES_TOPIC, topics.updates());
        conf.set(LearnerJobOptions.DLQ_TOPIC, topics.dlq());
        conf.set(LearnerJobOptions.GROUP_ID, unique);
        conf.set(LearnerJobOptions.TRANSACTIONAL_ID_PREFIX, unique);
        conf.set(LearnerJobOptions.TRANSACTION_TIMEOUT, Duration.ofMinutes(5));
        conf.set(LearnerJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        conf.set(LearnerJobOptions.CHECKPOINT_DIR, checkpoints.toUri().toString());
        conf.set(ScoringOptions.MODEL_STORE, store);
        conf.set(LearnerOptions.TRIGGER_COUNT, triggerCount);
        conf.set(LearnerOptions.TRIGGER_MINIMUM, 1);
        conf.set(LearnerOptions.REPLAY_PER_CLASS, REPLAY_PER_CLASS);
        conf.set(LearnerOptions.REGRESSION_MAX, REGRESSION_MAX);
        conf.set(LearnerOptions.EMBEDDING_CACHE, TinyModels.embeddingCache().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** Starts the unbounded learner job; the caller cancels it. */
    static JobClient start(Configuration conf, KafkaConnection kafka) throws Exception {
        LearnerJobConfig job = LearnerJobConfig.fromConfiguration(conf);
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        new LearnerJob(LearnerEndpoints.kafka(kafka, job), conf).wire(env);
        return env.executeAsync(LearnerJob.NAME);
    }
}
