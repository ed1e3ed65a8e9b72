package io.sentiflow.job;

import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.connect.KafkaSinks;
import io.sentiflow.ingest.IngestConfig;
import io.sentiflow.schema.codec.WireFormat;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Validated wiring settings of the scoring job; see {@link ScoringJobOptions} for the keys, and
 * {@link io.sentiflow.ingest.IngestOptions} for the validation the raw source does. Immutable.
 */
public record ScoringJobConfig(
        Topics topics,
        OutputFormats outputFormats,
        IngestConfig ingest,
        long deadLetterMaxBytes,
        String groupId,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        boolean bounded,
        Duration partitionDiscovery,
        Duration checkpointInterval,
        Duration checkpointTimeout,
        String checkpointDir,
        boolean unalignedCheckpoints,
        Duration bufferTimeout,
        int parallelism) implements Serializable {

    /** The topics the job reads and writes. */
    public record Topics(String raw, String scored, String dlq, String updates, String alerts, String windowStats)
            implements Serializable {
        public Topics {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(scored, "scored");
            Objects.requireNonNull(dlq, "dlq");
            Objects.requireNonNull(updates, "updates");
            Objects.requireNonNull(alerts, "alerts");
            Objects.requireNonNull(windowStats, "windowStats");
        }
    }

    /**
     * How the records of each output topic are written; one component per output topic, so a new
     * output stream gets its own. The dead-letter topic has none: it keeps the original bytes.
     */
    public record OutputFormats(WireFormat scored, WireFormat alerts, WireFormat windowStats) implements Serializable {
        public OutputFormats {
            Objects.requireNonNull(scored, "scored");
            Objects.requireNonNull(alerts, "alerts");
            Objects.requireNonNull(windowStats, "windowStats");
        }
    }

    public ScoringJobConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(outputFormats, "outputFormats");
        Objects.requireNonNull(ingest, "ingest");
        require(deadLetterMaxBytes >= KafkaSinks.MIN_DEAD_LETTER_BYTES, KafkaOptions.DLQ_MAX_MESSAGE_BYTES.key(),
                deadLetterMaxBytes, "must be at least " + KafkaSinks.MIN_DEAD_LETTER_BYTES + " bytes (room for the headers)");
        require(!groupId.isBlank(), ScoringJobOptions.GROUP_ID.key(), groupId, "must not be blank");
        require(!transactionalIdPrefix.isBlank(), ScoringJobOptions.TRANSACTIONAL_ID_PREFIX.key(),
                transactionalIdPrefix, "must not be blank");
        require(checkpointInterval.toMillis() >= 10, ScoringJobOptions.CHECKPOINT_INTERVAL.key(),
                checkpointInterval, "must be at least 10 ms");
        // The broker aborts a transaction older than its timeout; one must outlive a checkpoint.
        require(transactionTimeout.compareTo(checkpointInterval) > 0
                        && transactionTimeout.compareTo(KafkaSinks.BROKER_MAX_TRANSACTION_TIMEOUT) <= 0,
                ScoringJobOptions.TRANSACTION_TIMEOUT.key(), transactionTimeout,
                "must exceed the checkpoint interval and be at most 15 min (broker maximum)");
        // A checkpoint that completes holding a transaction Kafka has already aborted as timed out
        // loses that transaction's records (KAFKA-6119); one that takes too long must expire first.
        require(checkpointTimeout.toMillis() >= 10, CheckpointingOptions.CHECKPOINTING_TIMEOUT.key(),
                checkpointTimeout, "must be at least 10 ms");
        require(checkpointInterval.plus(checkpointTimeout).compareTo(transactionTimeout) < 0,
                CheckpointingOptions.CHECKPOINTING_TIMEOUT.key(), checkpointTimeout,
                "plus the checkpoint interval must stay below " + ScoringJobOptions.TRANSACTION_TIMEOUT.key()
                        + " (" + transactionTimeout + ")");
        require(!partitionDiscovery.isNegative(), KafkaOptions.PARTITION_DISCOVERY.key(), partitionDiscovery,
                "must not be negative");
        require(parallelism >= 1, ScoringJobOptions.PARALLELISM.key(), parallelism, "must be at least 1");
        require(!bufferTimeout.isNegative(), ScoringJobOptions.BUFFER_TIMEOUT.key(), bufferTimeout,
                "must not be negative");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
    }

    public static ScoringJobConfig fromConfiguration(ReadableConfig config) {
        Duration transactionTimeout = config.get(ScoringJobOptions.TRANSACTION_TIMEOUT);
        Duration checkpointInterval = config.get(ScoringJobOptions.CHECKPOINT_INTERVAL);
        return new ScoringJobConfig(
                new Topics(
                        config.get(ScoringJobOptions.RAW_TOPIC),
                        config.get(ScoringJobOptions.SCORED_TOPIC),
                        config.get(ScoringJobOptions.DLQ_TOPIC),
                        config.get(ScoringJobOptions.UPDATES_TOPIC),
                        config.get(ScoringJobOptions.ALERTS_TOPIC),
                        config.get(ScoringJobOptions.WINDOW_STATS_TOPIC)),
                new OutputFormats(config.get(ScoringJobOptions.SCORED_FORMAT), config.get(ScoringJobOptions.ALERTS_FORMAT),
                        config.get(ScoringJobOptions.WINDOW_STATS_FORMAT)),
                IngestConfig.fromConfiguration(config),
                config.get(KafkaOptions.DLQ_MAX_MESSAGE_BYTES).getBytes(),
                config.get(ScoringJobOptions.GROUP_ID),
                config.get(ScoringJobOptions.TRANSACTIONAL_ID_PREFIX),
                transactionTimeout,
                config.get(ScoringJobOptions.BOUNDED),
                config.get(KafkaOptions.PARTITION_DISCOVERY),
                checkpointInterval,
                config.getOptional(CheckpointingOptions.CHECKPOINTING_TIMEOUT)
                        .orElseGet(() -> defaultCheckpointTimeout(transactionTimeout, checkpointInterval)),
                config.getOptional(ScoringJobOptions.CHECKPOINT_DIR).orElseGet(ScoringJobConfig::defaultCheckpointDir),
                config.get(ScoringJobOptions.UNALIGNED_CHECKPOINTS),
                config.get(ScoringJobOptions.BUFFER_TIMEOUT),
                config.get(ScoringJobOptions.PARALLELISM));
    }

    /**
     * The Flink settings this job needs, to create its execution environment with: exactly-once
     * checkpoints at the interval, expiring after the checkpoint timeout, RocksDB with incremental
     * checkpoints, the parallelism, the network buffer timeout.
     */
    public Configuration flinkSettings() {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        flink.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpointTimeout);
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.ENABLE_UNALIGNED, unalignedCheckpoints);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        flink.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        flink.set(ExecutionOptions.BUFFER_TIMEOUT, bufferTimeout);
        return flink;
    }

    /**
     * Half the time from the checkpoint interval to the transaction timeout: a checkpoint expires
     * (and the job restarts from the one before) well before its transactions could time out, and
     * the other half is left for the commit.
     */
    private static Duration defaultCheckpointTimeout(Duration transactionTimeout, Duration checkpointInterval) {
        return transactionTimeout.minus(checkpointInterval).dividedBy(2);
    }

    private static String defaultCheckpointDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "sentiflow-checkpoints").toUri().toString();
    }

    private static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + rule + ", was " + value);
        }
    }
}
