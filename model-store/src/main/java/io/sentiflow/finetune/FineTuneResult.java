package io.sentiflow.finetune;

import io.sentiflow.evaluation.ClassificationReport;
import java.time.Duration;

/**
 * Outcome of a fine-tuning run: the published version, its figures on the valid splits with the
 * fine-tuned fp32 encoder (null when a valid file was not given), and where the time went.
 *
 * @param bestStep the step whose weights were kept (0: the starting weights)
 */
public record FineTuneResult(String version, boolean promoted, ClassificationReport sentimentValid,
        ClassificationReport topicValid, int steps, int bestEpoch, int bestStep, Duration training, Duration total) {}
