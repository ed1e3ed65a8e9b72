package io.sentiflow.finetune;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the weights of the evaluation with the best mean dev accuracy and stops after
 * {@code patience} evaluations without a better one.
 */
final class EarlyStopping {

    private final int patience;
    private final List<TokenizedExample> dev;
    private final FineTuneProgress progress;
    private JointModel.Snapshot best;
    private DevScore bestScore = DevScore.NONE;
    private int bestEpoch;
    private int bestStep;
    private int sinceBest;

    EarlyStopping(int patience, List<TokenizedExample> dev, FineTuneProgress progress) {
        this.patience = patience;
        this.dev = dev;
        this.progress = progress;
    }

    void consider(JointModel model, NDManager manager, int epoch, int step, double trainLoss) {
        DevScore score = DevScore.of(model, manager, dev);
        boolean better = score.mean() > bestScore.mean();
        if (better) {
            best = model.snapshot();
            bestScore = score;
            bestEpoch = epoch;
            bestStep = step;
            sinceBest = 0;
        } else {
            sinceBest++;
        }
        progress.line(String.format(Locale.ROOT,
                "epoch %d step %5d  loss %.4f  dev topic %.4f  dev sentiment %.4f (macro-F1 %.4f)%s", epoch, step,
                trainLoss, score.topic(), score.sentiment(), score.sentimentMacroF1(), better ? "  *" : ""));
    }

    boolean stopped() {
        return sinceBest >= patience;
    }

    JointFineTuner.FineTuned result(int steps, int skippedSteps) {
        return new JointFineTuner.FineTuned(best, steps, skippedSteps, bestEpoch, bestStep, bestScore);
    }
}
