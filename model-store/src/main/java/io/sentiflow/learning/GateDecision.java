package io.sentiflow.learning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's decision on a candidate and every figure it was taken on. Hold-out accuracies are
 * pooled over both tasks (each example judged by its own task's head). Regression maps are keyed by
 * {@link RegressionSet#name()}.
 *
 * @param regressionFloors per regression set, the accuracy the lineage started from (see
 *     {@link LearningSettings#lineageMargin()}); carried into the candidate's manifest for the next round
 * @param regressionSizes per regression set, how many of its examples the gate judged on; a floor is
 *     carried only onto a set of the same size
 * @param newTopics topic names the candidate adds to its parent's label map, in label order
 */
public record GateDecision(boolean passed, String reason, int holdoutSize, double currentHoldoutAccuracy,
        double candidateHoldoutAccuracy, Map<String, Double> currentRegression, Map<String, Double> candidateRegression,
        Map<String, Double> regressionFloors, Map<String, Integer> regressionSizes, List<String> newTopics) {

    public GateDecision {
        currentRegression = Map.copyOf(currentRegression);
        candidateRegression = Map.copyOf(candidateRegression);
        regressionFloors = Map.copyOf(regressionFloors);
        regressionSizes = Map.copyOf(regressionSizes);
        newTopics = List.copyOf(newTopics);
    }

    /** The figures as manifest metrics, all under {@code gate.}; {@code gate.passed} is 1 or 0. */
    public Map<String, Double> asMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("gate.passed", passed ? 1.0 : 0.0);
        metrics.put("gate.holdout.size", (double) holdoutSize);
        metrics.put("gate.holdout.current.accuracy", currentHoldoutAccuracy);
        metrics.put("gate.holdout.candidate.accuracy", candidateHoldoutAccuracy);
        currentRegression.forEach((name, accuracy) -> metrics.put("gate.regression." + name + ".current.accuracy", accuracy));
        candidateRegression.forEach((name, accuracy) -> metrics.put("gate.regression." + name + ".candidate.accuracy",
                accuracy));
        regressionFloors.forEach((name, accuracy) -> metrics.put("gate.regression." + name + ".floor.accuracy",
                accuracy));
        regressionSizes.forEach((name, size) -> metrics.put("gate.regression." + name + ".size", (double) size));
        metrics.put("gate.newTopics", (double) newTopics.size());
        return metrics;
    }
}
