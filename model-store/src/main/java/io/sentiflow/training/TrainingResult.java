package io.sentiflow.training;

import io.sentiflow.evaluation.ClassificationReport;
import java.time.Duration;

/**
 * Outcome of a training run: the published version, its figures on the valid splits (null when a
 * valid file was not given) and where the time went.
 */
public record TrainingResult(String version, boolean promoted, ClassificationReport sentimentValid,
        ClassificationReport topicValid, int epochs, int bestEpoch, Duration encoding, Duration training,
        Duration total) {}
