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

    /** Per-set figures, as {@code gate.regression.<set>.<figure>} metrics. */
    static final String CURRENT = "current.accuracy";
    static final String CANDIDATE = "candidate.accuracy";
    static final String FLOOR = "floor.accuracy";
    static final String SIZE = "size";
    private static final String REGRESSION_PREFIX = "gate.regression.";

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
        currentRegression.forEach((name, accuracy) -> metrics.put(regressionMetric(name, CURRENT), accuracy));
        candidateRegression.forEach((name, accuracy) -> metrics.put(regressionMetric(name, CANDIDATE), accuracy));
        regressionFloors.forEach((name, accuracy) -> metrics.put(regressionMetric(name, FLOOR), accuracy));
        regressionSizes.forEach((name, size) -> metrics.put(regressionMetric(name, SIZE), (double) size));
        metrics.put("gate.newTopics", (double) newTopics.size());
        return metrics;
    }

    static String regressionMetric(String set, String figure) {
        return REGRESSION_PREFIX + set + "." + figure;
    }

    /** One figure of every regression set the {@code metrics} hold, by set name. */
    static Map<String, Double> regressionFigures(Map<String, Double> metrics, String figure) {
        String suffix = "." + figure;
        Map<String, Double> figures = new LinkedHashMap<>();
        metrics.forEach((key, value) -> {
            if (key.startsWith(REGRESSION_PREFIX) && key.endsWith(suffix)) {
                figures.put(key.substring(REGRESSION_PREFIX.length(), key.length() - suffix.length()), value);
            }
        });
        return figures;
    }
}
