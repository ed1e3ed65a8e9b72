package io.sentiflow.learning;

import io.sentiflow.training.TrainingSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a learning round trains and gates.
 *
 * @param holdoutFraction share of feedback examples (chosen by a stable hash of their id) never
 *     trained on and used by the gate
 * @param minNewTopicExamples examples (training and hold-out together) an unknown topic name needs
 *     before it becomes a new class; fewer wait for later rounds
 * @param regressionMargin accuracy (as a fraction: 0.01 is one point) a candidate may lose on each
 *     regression set against its parent
 * @param lineageMargin accuracy a chain of learnt versions may lose in all on each regression set,
 *     against the floor its first round measured on the version it started from: without it, each
 *     round could lose {@code regressionMargin} against a parent that had already lost as much
 * @param minHoldoutGain the candidate's hold-out accuracy must exceed the current one by more than
 *     this (0: strictly better)
 * @param replayPerClass replay examples per class of each task a caller should sample
 *     ({@link ReplaySampler}); recorded in the manifest
 * @param fineTune settings of the warm-started training: its learning rate, epochs, patience, dropout,
 *     batch size, seed and dev fraction are used; attention and adapter widths come from the parent
 */
public record LearningSettings(double holdoutFraction, int minNewTopicExamples, double regressionMargin,
        double lineageMargin, double minHoldoutGain, int replayPerClass, TrainingSettings fineTune) {

    public LearningSettings {
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("holdoutFraction must be in (0, 1), was " + holdoutFraction);
        }
        if (minNewTopicExamples < 1 || replayPerClass < 0) {
            throw new IllegalArgumentException("minNewTopicExamples must be >= 1 and replayPerClass >= 0, were "
                    + minNewTopicExamples + " and " + replayPerClass);
        }
        if (!(regressionMargin >= 0 && regressionMargin < 1) || !(minHoldoutGain >= 0 && minHoldoutGain < 1)) {
            throw new IllegalArgumentException("regressionMargin and minHoldoutGain must be in [0, 1), were "
                    + regressionMargin + " and " + minHoldoutGain);
        }
        if (!(lineageMargin >= regressionMargin && lineageMargin < 1)) {
            throw new IllegalArgumentException("lineageMargin must be in [regressionMargin, 1), was " + lineageMargin
                    + " with regressionMargin " + regressionMargin);
        }
        if (fineTune == null) {
            throw new IllegalArgumentException("fineTune settings are required");
        }
    }

    /**
     * 20 percent hold-out, 20 examples for a new topic, one accuracy point of margin a round and two
     * for the lineage, strictly better.
     */
    public static LearningSettings defaults() {
        // Warm start: half the from-scratch learning rate and fewer epochs, so the fine-tune adapts to
        // the feedback without walking far from the parent's weights.
        TrainingSettings fineTune = new TrainingSettings(42L, 64, 256, 32, 20, 4, 5e-4f, 1e-4f, 0.3f, 0.5f, 0.2, 32);
        return new LearningSettings(0.2, 20, 0.01, 0.02, 0.0, 100, fineTune);
    }

    public LearningSettings withFineTune(TrainingSettings newFineTune) {
        return new LearningSettings(holdoutFraction, minNewTopicExamples, regressionMargin, lineageMargin,
                minHoldoutGain, replayPerClass, newFineTune);
    }

    /** For the manifest's hyper-parameters and the version id. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("holdoutFraction", holdoutFraction);
        map.put("minNewTopicExamples", minNewTopicExamples);
        map.put("regressionMargin", regressionMargin);
        map.put("lineageMargin", lineageMargin);
        map.put("minHoldoutGain", minHoldoutGain);
        map.put("replayPerClass", replayPerClass);
        map.put("fineTune", fineTune.asMap());
        return map;
    }
}
