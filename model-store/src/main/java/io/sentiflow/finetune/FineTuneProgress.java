package io.sentiflow.finetune;

import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Where fine-tuning reports: a progress bar over the texts of all planned epochs with speed and an
 * estimate of the time left (hidden when not wanted), one for the pass that fills the frozen-layer
 * cache, and one line per dev evaluation. Early stopping ends before the bar is full. Not thread safe.
 */
public final class FineTuneProgress {

    private final Consumer<String> lines;
    private final boolean showBar;
    private ProgressBar bar;

    public FineTuneProgress(Consumer<String> lines, boolean showBar) {
        this.lines = lines;
        this.showBar = showBar;
    }

    /** Lines only, no bar (tests, the incremental learner). */
    public static FineTuneProgress linesOnly(Consumer<String> lines) {
        return new FineTuneProgress(lines, false);
    }

    void start(long plannedTexts) {
        bar = bar("Fine-tuning", plannedTexts);
    }

    /** A bar of its own over {@code total} texts (shown like the training bar); the caller closes it. */
    ProgressBar bar(String task, long total) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUnit(" texts", 1).showSpeed();
        if (!showBar) {
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> { }));
        }
        return builder.build();
    }

    void stepped(int texts, double meanLoss) {
        bar.stepBy(texts);
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, " loss %.4f", meanLoss));
    }

    void line(String line) {
        lines.accept(line);
    }

    void finish() {
        if (bar != null) {
            bar.close();
        }
    }
}
