package io.sentiflow.training;

import io.sentiflow.evaluation.ValidReport;
import java.time.Duration;

/**
 * Outcome of a training run: the published version, its figures on the valid splits with and without
 * the train splits' duplicates (null when a valid file was not given) and where the time went.
 */
public record TrainingResult(String version, boolean promoted, ValidReport sentimentValid, ValidReport topicValid,
        int epochs, int bestEpoch, Duration encoding, Duration training, Duration total) {}
