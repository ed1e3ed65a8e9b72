package io.sentiflow.learner;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Configuration keys of the learner job's wiring, {@code sentiflow.learner.*}: topics, consumer
 * group, transactions, checkpoints. Read them with {@link LearnerJobConfig#fromConfiguration}; the
 * learning keys live in {@link LearnerOptions}.
 */
public final class LearnerJobOptions {

    public static final ConfigOption<String> FEEDBACK_TOPIC = topic("feedback-topic", "feedback.labels",
            "Topic of the LabeledTexts (Avro or JSON) the learner learns from.");
    public static final ConfigOption<String> CONTROL_TOPIC = topic("control-topic", "learner.control",
            "Topic of LearnerCommands such as TRAIN_NOW (sentiflow learn --now).");
    public static final ConfigOption<String> UPDATES_TOPIC = topic("updates-topic", "model.updates",
            "Topic the ModelUpdate of each published version is written to, exactly once.");
    public static final ConfigOption<String> DLQ_TOPIC = topic("dlq-topic", "news.dlq",
            "Topic refused feedback records are written to, bytes unchanged, with headers saying why.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("sentiflow.learner.group-id")
                    .stringType()
                    .defaultValue("sentiflow-learner")
                    .withDescription("Kafka consumer group; offsets are committed on checkpoints.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("sentiflow.learner.transactional-id-prefix")
                    .stringType()
                    .defaultValue("sentiflow-learner")
                    .withDescription("Prefix of the sinks' transactional ids; must differ from the scoring job's.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("sentiflow.learner.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription("Producer transaction.timeout.ms; it must outlive a checkpoint interval plus"
                            + " a learning round (the operator trains synchronously), at most 15 min.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("sentiflow.learner.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often to checkpoint; a ModelUpdate becomes visible at the checkpoint"
                            + " after its round.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOptions.key("sentiflow.learner.checkpoint-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Checkpoint directory URI (file://, s3://, hdfs://); default a"
                            + " sentiflow-learner-checkpoints folder in the system temp directory.");

    private LearnerJobOptions() {}

    private static ConfigOption<String> topic(String name, String defaultTopic, String description) {
        return ConfigOptions.key("sentiflow.learner." + name)
                .stringType()
                .defaultValue(defaultTopic)
                .withDescription(description);
    }
}
