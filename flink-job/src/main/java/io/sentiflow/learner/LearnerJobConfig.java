package io.sentiflow.learner;

import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.connect.KafkaSinks;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** Validated wiring settings of the learner job; see {@link LearnerJobOptions} for the keys. Immutable. */
public record LearnerJobConfig(
        Topics topics,
        String groupId,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Duration checkpointInterval,
        String checkpointDir,
        long deadLetterMaxBytes) implements Serializable {

    /** The topics the job reads and writes. */
    public record Topics(String feedback, String control, String updates, String dlq) implements Serializable {
        public Topics {
            Objects.requireNonNull(feedback, "feedback");
            Objects.requireNonNull(control, "control");
            Objects.requireNonNull(updates, "updates");
            Objects.requireNonNull(dlq, "dlq");
        }
    }

    public LearnerJobConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        require(!groupId.isBlank(), LearnerJobOptions.GROUP_ID.key(), groupId, "must not be blank");
        require(!transactionalIdPrefix.isBlank(), LearnerJobOptions.TRANSACTIONAL_ID_PREFIX.key(),
                transactionalIdPrefix, "must not be blank");
        require(checkpointInterval.toMillis() >= 10, LearnerJobOptions.CHECKPOINT_INTERVAL.key(),
                checkpointInterval, "must be at least 10 ms");
        require(transactionTimeout.compareTo(checkpointInterval) > 0
                        && transactionTimeout.compareTo(KafkaSinks.BROKER_MAX_TRANSACTION_TIMEOUT) <= 0,
                LearnerJobOptions.TRANSACTION_TIMEOUT.key(), transactionTimeout,
                "must exceed the checkpoint interval and be at most 15 min (broker maximum)");
        require(deadLetterMaxBytes >= KafkaSinks.MIN_DEAD_LETTER_BYTES, KafkaOptions.DLQ_MAX_MESSAGE_BYTES.key(),
                deadLetterMaxBytes, "must be at least " + KafkaSinks.MIN_DEAD_LETTER_BYTES + " bytes (room for the headers)");
    }

    public static LearnerJobConfig fromConfiguration(ReadableConfig config) {
        return new LearnerJobConfig(
                new Topics(
                        config.get(LearnerJobOptions.FEEDBACK_TOPIC),
                        config.get(LearnerJobOptions.CONTROL_TOPIC),
                        config.get(LearnerJobOptions.UPDATES_TOPIC),
                        config.get(LearnerJobOptions.DLQ_TOPIC)),
                config.get(LearnerJobOptions.GROUP_ID),
                config.get(LearnerJobOptions.TRANSACTIONAL_ID_PREFIX),
                config.get(LearnerJobOptions.TRANSACTION_TIMEOUT),
                config.get(LearnerJobOptions.CHECKPOINT_INTERVAL),
                config.getOptional(LearnerJobOptions.CHECKPOINT_DIR).orElseGet(LearnerJobConfig::defaultCheckpointDir),
                config.get(KafkaOptions.DLQ_MAX_MESSAGE_BYTES).getBytes());
    }

    /**
     * The Flink settings this job needs: exactly-once checkpoints kept on cancellation (the learner's
     * state holds labels not yet learned from and the replay buffer, so a restart must resume from
     * one), RocksDB with incremental checkpoints, parallelism 1 (one learner, one key).
     */
    public Configuration flinkSettings() {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        flink.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        return flink;
    }

    private static String defaultCheckpointDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "sentiflow-learner-checkpoints").toUri().toString();
    }

    private static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + rule + ", was " + value);
        }
    }
}
