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
     * The model orders a micro-batch's texts by token count and cuts sub-batches of at most
     * token-budget padded tokens (MultiHeadModel), so a larger micro-batch only gives the sort more
     * texts to group, and padding shrinks. Measured (model-store/README.md, 2 AVX2 cores, int8,
     * ratio to bare ONNX Runtime on length-sorted batches of 32 in the same run): calls of 32 texts
     * 0.83-0.88, of 64 0.96-1.15, of 512 1.05-1.17. 256 takes nearly all of that while a full batch
     * still scores in a few hundred ms; below saturation the timeout cuts batches long before they
     * fill. The timeout sets how many texts a batch gathers at a steady rate below saturation: at
     * 20 ms, 520 texts/s gave batches of about ten, too small for the model to keep up (the queue
     * and the latency grew for tens of seconds, p99 1.0-2.6 s); at 100 ms, batches of about fifty
     * kept up, with p50 110-120 ms and p99 within 250-310 ms per two seconds once settled (bench
     * pipeline, 2 instances x 1 thread). A lone text at a low rate waits at most that 100 ms.
     */
    public static final ConfigOption<Integer> BATCH_SIZE =
            ConfigOptions.key("sentiflow.scoring.batch-size")
                    .intType()
                    .defaultValue(256)
                    .withDescription(
                            "Most texts per micro-batch; a batch is scored when it is full, when its"
                                    + " timeout passes, before a checkpoint barrier or at end of input. The model"
                                    + " groups its texts by length into sub-batches of token-budget tokens.");

    public static final ConfigOption<Duration> BATCH_TIMEOUT =
            ConfigOptions.key("sentiflow.scoring.batch-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
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
