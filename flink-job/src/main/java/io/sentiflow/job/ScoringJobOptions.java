package io.sentiflow.job;

import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Configuration keys of the scoring job's wiring, {@code sentiflow.job.*}: topics and the wire format
 * of each output topic, consumer group, transactions, checkpoints. Read them with {@link ScoringJobConfig#fromConfiguration}; the
 * operators' own keys live in {@code IngestOptions}, {@code ScoringOptions} and {@code AlertOptions}.
 */
public final class ScoringJobOptions {

    public static final ConfigOption<String> RAW_TOPIC = topic("raw-topic", "news.raw",
            "Topic of the TextEvents to score.");
    public static final ConfigOption<String> SCORED_TOPIC = topic("scored-topic", "news.scored",
            "Topic the ScoredTexts are written to, exactly once.");
    public static final ConfigOption<String> DLQ_TOPIC = topic("dlq-topic", "news.dlq",
            "Topic refused records are written to, bytes unchanged, with headers saying why.");
    public static final ConfigOption<String> UPDATES_TOPIC = topic("updates-topic", "model.updates",
            "Compacted topic of ModelUpdate pointers the job swaps models on.");
    public static final ConfigOption<String> ALERTS_TOPIC = topic("alerts-topic", "alerts",
            "Topic the SentimentAlerts are written to, exactly once.");
    public static final ConfigOption<String> WINDOW_STATS_TOPIC = topic("window-stats-topic", "window.stats",
            "Topic every closed alert window of every topic and entity is written to as WindowStatistics"
                    + " (count, negative share, baseline, z, state), exactly once, for charts.");

    public static final ConfigOption<WireFormat> OUTPUT_FORMAT =
            ConfigOptions.key("sentiflow.job.output-format")
                    .enumType(WireFormat.class)
                    .defaultValue(WireFormat.AVRO)
                    .withDescription("Wire format of the records written to every output topic: AVRO (single-object"
                            + " encoding: C3 01, the schema's fingerprint, the binary record) or JSON (a UTF-8 object"
                            + " with the schema's field names, for kcat, Kafka UIs and programs without Sentiflow's"
                            + " schemas). The per-topic keys override it; the dead-letter topic keeps original bytes.");
    public static final ConfigOption<WireFormat> SCORED_FORMAT = format("scored-format", "the ScoredTexts");
    public static final ConfigOption<WireFormat> ALERTS_FORMAT = format("alerts-format", "the SentimentAlerts");
    public static final ConfigOption<WireFormat> WINDOW_STATS_FORMAT =
            format("window-stats-format", "the WindowStatistics");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("sentiflow.job.group-id")
                    .stringType()
                    .defaultValue("sentiflow-scoring")
                    .withDescription("Kafka consumer group; offsets are committed on checkpoints.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("sentiflow.job.transactional-id-prefix")
                    .stringType()
                    .defaultValue("sentiflow-scoring")
                    .withDescription("Prefix of the sinks' transactional ids; each sink appends its own"
                            + " suffix. Two jobs running at once need different prefixes.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("sentiflow.job.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription("Producer transaction.timeout.ms; longer than the checkpoint"
                            + " interval, at most the broker's transaction.max.timeout.ms (15 min).");

    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("sentiflow.job.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Stop at the latest offsets present when the job starts.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("sentiflow.job.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often to checkpoint; scored texts become visible to"
                            + " read_committed consumers at each checkpoint.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOptions.key("sentiflow.job.checkpoint-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Checkpoint directory URI (file://, s3://, hdfs://); default a"
                            + " sentiflow-checkpoints folder in the system temp directory.");

    public static final ConfigOption<Boolean> UNALIGNED_CHECKPOINTS =
            ConfigOptions.key("sentiflow.job.unaligned-checkpoints")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Unaligned checkpoints; aligned ones stall 3-5 s behind the"
                            + " inference operator here (docs/STACK.md).");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT =
            ConfigOptions.key("sentiflow.job.buffer-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(10))
                    .withDescription("Longest a record waits in a part-filled network buffer between operators"
                            + " (Flink's execution.buffer-timeout.interval, 100 ms by default): at the scoring job's"
                            + " rates a buffer takes longer than that to fill, so the default would add up to 100 ms"
                            + " to every text's way to the model.");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("sentiflow.job.parallelism")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Parallelism of every operator; ONNX threads times parallelism"
                            + " should stay within the cores.");

    private ScoringJobOptions() {}

    /** A topic's own format key, falling back to {@link #OUTPUT_FORMAT}, so one key switches every topic. */
    private static ConfigOption<WireFormat> format(String name, String records) {
        return ConfigOptions.key("sentiflow.job." + name)
                .enumType(WireFormat.class)
                .defaultValue(OUTPUT_FORMAT.defaultValue())
                .withFallbackKeys(OUTPUT_FORMAT.key())
                .withDescription("Wire format of " + records + " (AVRO or JSON); " + OUTPUT_FORMAT.key() + " when unset.");
    }

    private static ConfigOption<String> topic(String name, String defaultTopic, String description) {
        return ConfigOptions.key("sentiflow.job." + name)
                .stringType()
                .defaultValue(defaultTopic)
                .withDescription(description);
    }
}
