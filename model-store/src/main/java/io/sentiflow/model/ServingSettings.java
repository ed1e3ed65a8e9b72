package io.sentiflow.model;

/**
 * How a loaded version runs: ONNX Runtime's intra-op threads for its session, whether those threads
 * spin while waiting for work ({@code session.intra_op.allow_spinning}), and the token budget that cuts
 * a {@link ScoringModel#predict} call into sub-batches (rows x longest row at most this many padded
 * tokens; a row longer than the budget runs alone). Immutable.
 *
 * <p>Defaults: {@value #DEFAULT_TOKEN_BUDGET} tokens, no spinning, one thread (threads times
 * parallel instances should not exceed the cores). Measured on 512 tweets, 2 busy AVX2 cores
 * (figures in model-store/README.md, {@code ServingSettingsBench} in the tests): budgets of 256 and
 * 512 tied (mean ratio to bare ONNX Runtime 0.89 in calls of 32, 1.07 in calls of 512, over int8 with
 * 1 and 2 threads and fp32 with 2), 1024 lost 15 to 25% in calls of 32 and 2048 (one sub-batch per
 * call of 32, like the replaced chunks) about 40%; 512 makes fewer engine calls. Spinning off was
 * 1.6 to 2 times faster with 2 threads whenever the other core was busy, as it is beside Kafka and
 * the rest of a Flink job, and up to a fifth slower on an idle machine.
 */
public record ServingSettings(int intraOpThreads, boolean allowSpinning, int tokenBudget) {

    public static final int DEFAULT_TOKEN_BUDGET = 512;

    public ServingSettings {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
        }
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("tokenBudget must be at least 1, was " + tokenBudget);
        }
    }

    public static ServingSettings defaults() {
        return new ServingSettings(1, false, DEFAULT_TOKEN_BUDGET);
    }

    public ServingSettings withIntraOpThreads(int threads) {
        return new ServingSettings(threads, allowSpinning, tokenBudget);
    }

    public ServingSettings withAllowSpinning(boolean spinning) {
        return new ServingSettings(intraOpThreads, spinning, tokenBudget);
    }

    public ServingSettings withTokenBudget(int tokens) {
        return new ServingSettings(intraOpThreads, allowSpinning, tokens);
    }
}
