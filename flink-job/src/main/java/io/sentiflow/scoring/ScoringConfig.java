package io.sentiflow.scoring;

import io.sentiflow.model.ServingSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Validated settings of the scoring operator. Immutable and serializable: the job builds it once
 * and the operator carries it to every parallel instance.
 *
 * @param storeUri root of the model store ({@link ScoringOptions#MODEL_STORE})
 * @param batchSize most texts per micro-batch, 1 to {@value #MAX_BATCH_SIZE}
 * @param batchTimeout longest a text waits for its batch to fill, 1 ms to {@value
 *     #MAX_TIMEOUT_SECONDS} s
 * @param onnxThreads ONNX Runtime threads per instance, or 0 for cores divided by parallelism
 * @param onnxSpinning whether ONNX Runtime's threads spin while they wait for work
 * @param tokenBudget padded tokens per engine call: a micro-batch is cut into sub-batches of
 *     similar lengths, rows times longest row within this
 */
public record ScoringConfig(String storeUri, int batchSize, Duration batchTimeout, int onnxThreads,
        boolean onnxSpinning, int tokenBudget) implements Serializable {

    /** A full batch of this many texts scores in several seconds: beyond it the barrier and every text wait. */
    public static final int MAX_BATCH_SIZE = 4096;

    public static final int MAX_TIMEOUT_SECONDS = 60;

    /** A budget below one full-length text would run every long text alone for nothing. */
    public static final int MIN_TOKEN_BUDGET = 64;

    public ScoringConfig {
        Objects.requireNonNull(storeUri, "storeUri");
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        if (storeUri.isBlank()) {
            throw invalid(ScoringOptions.MODEL_STORE.key(), storeUri, "must not be blank");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw invalid(ScoringOptions.BATCH_SIZE.key(), batchSize, "must be between 1 and " + MAX_BATCH_SIZE);
        }
        if (batchTimeout.toMillis() < 1 || batchTimeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
            throw invalid(ScoringOptions.BATCH_TIMEOUT.key(), batchTimeout,
                    "must be between 1 ms and " + MAX_TIMEOUT_SECONDS + " s");
        }
        if (onnxThreads < 0) {
            throw invalid(ScoringOptions.ONNX_THREADS.key(), onnxThreads, "must be 0 (automatic) or more");
        }
        if (tokenBudget < MIN_TOKEN_BUDGET) {
            throw invalid(ScoringOptions.TOKEN_BUDGET.key(), tokenBudget, "must be at least " + MIN_TOKEN_BUDGET);
        }
    }

    /** The defaults for the model's own settings: spinning off, the serving token budget. */
    public ScoringConfig(String storeUri, int batchSize, Duration batchTimeout, int onnxThreads) {
        this(storeUri, batchSize, batchTimeout, onnxThreads, false, ServingSettings.DEFAULT_TOKEN_BUDGET);
    }

    /** Reads and validates every {@link ScoringOptions} key; unset keys take their defaults. */
    public static ScoringConfig fromConfiguration(ReadableConfig config) {
        return new ScoringConfig(
                config.get(ScoringOptions.MODEL_STORE),
                config.get(ScoringOptions.BATCH_SIZE),
                config.get(ScoringOptions.BATCH_TIMEOUT),
                config.get(ScoringOptions.ONNX_THREADS),
                config.get(ScoringOptions.ONNX_SPINNING),
                config.get(ScoringOptions.TOKEN_BUDGET));
    }

    /** The same settings with another store root (the CLI's {@code --store}). */
    public ScoringConfig withStoreUri(String newStoreUri) {
        return new ScoringConfig(newStoreUri, batchSize, batchTimeout, onnxThreads, onnxSpinning, tokenBudget);
    }

    /** ONNX Runtime threads for one of {@code parallelism} instances on a machine with {@code cores}. */
    public int onnxThreadsFor(int parallelism, int cores) {
        return onnxThreads > 0 ? onnxThreads : Math.max(1, cores / Math.max(1, parallelism));
    }

    /** How one of {@code parallelism} instances on a machine with {@code cores} runs its models. */
    public ServingSettings servingFor(int parallelism, int cores) {
        return new ServingSettings(onnxThreadsFor(parallelism, cores), onnxSpinning, tokenBudget);
    }

    private static IllegalArgumentException invalid(String key, Object value, String rule) {
        return new IllegalArgumentException(key + " " + rule + ", was " + value);
    }
}
