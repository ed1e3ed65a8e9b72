package io.sentiflow.model;

/**
 * How a loaded version runs: ONNX Runtime's intra-op threads for its session, whether those threads
 * spin while waiting for work ({@code session.intra_op.allow_spinning}), and the token budget that cuts
 * a {@link ScoringModel#predict} call into sub-batches (rows x longest row at most this many padded
 * tokens; a row longer than the budget runs alone). Immutable.
 *
 * <p>Defaults: {@value #DEFAULT_TOKEN_BUDGET} tokens, spinning {@value #DEFAULT_SPINNING}, one
 * thread (threads times parallel instances should not exceed the cores).
 */
public record ServingSettings(int intraOpThreads, boolean allowSpinning, int tokenBudget) {

    public static final int DEFAULT_TOKEN_BUDGET = 2048;
    public static final boolean DEFAULT_SPINNING = true;

    public ServingSettings {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
        }
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("tokenBudget must be at least 1, was " + tokenBudget);
        }
    }

    public static ServingSettings defaults() {
        return new ServingSettings(1, DEFAULT_SPINNING, DEFAULT_TOKEN_BUDGET);
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
