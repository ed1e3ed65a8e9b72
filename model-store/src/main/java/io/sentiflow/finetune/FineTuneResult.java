package io.sentiflow.finetune;

import io.sentiflow.evaluation.ValidReport;
import java.time.Duration;

/**
 * Outcome of a fine-tuning run: the published version, its figures on the valid splits (with and
 * without the train splits' duplicates) with the fine-tuned fp32 encoder and with its int8 export
 * (null when a valid file was not given), and where the time went.
 *
 * @param skippedSteps steps left out because their gradient was not finite
 * @param bestStep the step whose weights were kept (0: the starting weights)
 * @param preparation reading, tokenizing and the frozen layers' pass
 */
public record FineTuneResult(String version, boolean promoted, ValidReport sentimentValid, ValidReport topicValid,
        ValidReport sentimentValidInt8, ValidReport topicValidInt8,
        int steps, int skippedSteps, int bestEpoch, int bestStep, Duration preparation, Duration training,
        Duration total) {}
