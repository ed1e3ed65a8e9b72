package io.sentiflow.scoring;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Configuration keys of the scoring operator; read them with {@link
 * ScoringConfig#fromConfiguration}. CLI flags map onto the same keys.
 */
public final class ScoringOptions {

    /*
     * Batch defaults from the encoder speeds measured here (STACK.md, 2 ONNX threads): int8 MiniLM
     * runs about 500 texts/s one at a time, 630-870 at 8, 820-900 at 32 and 850-870 at 64; fp32
     * 260-330, 325-410, 375-490 and 365-425. Batch 32 is the knee for both encoders: within noise
     * of the best throughput, while 64 adds nothing and doubles the time a batch holds its first
     * text. So a full batch of 32 takes about 37 ms (int8) to 75 ms (fp32) to encode.
     * The timeout only matters below about 32 / 50 ms = 640 texts/s, where the encoder has spare
     * time anyway: 50 ms caps the wait of a lone text at roughly one batch's own encoding time,
     * so latency at low rates stays within about twice the encoder's, and at high rates batches
     * fill by size first.
     */
    public static final ConfigOption<Integer> BATCH_SIZE =
            ConfigOptions.key("sentiflow.scoring.batch-size")
                    .intType()
                    .defaultValue(32)
                    .withDescription(
                            "Most texts per micro-batch; a batch is scored when it is full, when its"
                                    + " timeout passes, before a checkpoint barrier or at end of input.");

    public static final ConfigOption<Duration> BATCH_TIMEOUT =
            ConfigOptions.key("sentiflow.scoring.batch-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(50))
                    .withDescription("Longest a text waits for its micro-batch to fill (processing time).");

    public static final ConfigOption<Integer> ONNX_THREADS =
            ConfigOptions.key("sentiflow.scoring.onnx-threads")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "ONNX Runtime intra-op threads per parallel scoring instance; 0 means the"
                                    + " machine's cores divided by the parallelism, at least 1, so that"
                                    + " threads times parallelism stay within the cores.");

    public static final ConfigOption<Boolean> ONNX_SPINNING =
            ConfigOptions.key("sentiflow.scoring.onnx-spinning")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Whether ONNX Runtime's intra-op threads spin while waiting for work"
                            + " (session.intra_op.allow_spinning). Off: with 2 threads, spinning was 1.6 to 2"
                            + " times slower whenever the other core was busy, as it is beside Kafka and the"
                            + " rest of the job, and at most a fifth faster on an idle machine.");

    public static final ConfigOption<Integer> TOKEN_BUDGET =
            ConfigOptions.key("sentiflow.scoring.token-budget")
                    .intType()
                    .defaultValue(512)
                    .withDescription("Padded tokens per engine call: the model orders a micro-batch's texts by"
                            + " token count and cuts them into sub-batches of rows times longest row within"
                            + " this, so padding stays near the real tokens.");

    public static final ConfigOption<String> MODEL_STORE =
            ConfigOptions.key("sentiflow.model.store")
                    .stringType()
                    .defaultValue("var/models")
                    .withDescription(
                            "Root of the model store: a local directory or a Flink file system URI"
                                    + " (s3://, hdfs://).");

    private ScoringOptions() {}
}
