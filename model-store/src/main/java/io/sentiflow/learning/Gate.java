package io.sentiflow.learning;

import io.sentiflow.model.Heads;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.training.Example;
import io.sentiflow.training.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a candidate may replace the current version: (a) its accuracy on the feedback
 * hold-out, pooled over both tasks (each example judged by its own task's head), must exceed the
 * current version's by more than {@code minHoldoutGain}; (b) on every regression set it may lose at
 * most {@code regressionMargin} against the current version and at most {@code lineageMargin} against
 * the floor of the lineage (the accuracy of the version the first learnt round started from, carried
 * from manifest to manifest), so many rounds that each lose a little cannot add up. Pooling keeps
 * the decision meaningful when one task has only a handful of hold-out examples. An example of a
 * new topic counts as wrong for the current version, which cannot predict that class. Runs the
 * heads in plain Java, as serving does.
 */
final class Gate {

    private final LearningSettings settings;

    Gate(LearningSettings settings) {
        this.settings = settings;
    }

    /** A regression set resolved against the candidate's label maps (unknown labels dropped). */
    record MappedSet(String name, List<Example> examples) {}

    /**
     * @param floors the lineage's floor of each regression set the current version carries
     *     ({@link #floors}); a set without one starts its floor at the current version's accuracy
     */
    GateDecision decide(Heads current, Heads candidate, List<Example> holdout, List<MappedSet> regression,
            Map<String, Double> floors, List<String> newTopics) {
        double currentHoldout = accuracy(current, holdout);
        double candidateHoldout = accuracy(candidate, holdout);
        Map<String, Double> currentRegression = new LinkedHashMap<>();
        Map<String, Double> candidateRegression = new LinkedHashMap<>();
        Map<String, Double> regressionFloors = new LinkedHashMap<>();
        Map<String, Integer> regressionSizes = new LinkedHashMap<>();
        List<String> regressed = new ArrayList<>();
        List<String> belowFloor = new ArrayList<>();
        StringBuilder figures = new StringBuilder();
        for (MappedSet set : regression) {
            double before = accuracy(current, set.examples());
            double after = accuracy(candidate, set.examples());
            double floor = floors.getOrDefault(set.name(), before);
            currentRegression.put(set.name(), before);
            candidateRegression.put(set.name(), after);
            regressionFloors.put(set.name(), floor);
            regressionSizes.put(set.name(), set.examples().size());
            figures.append(String.format(Locale.ROOT, "; %s %.4f vs %.4f (n=%d, may lose %.4f; lineage floor %.4f,"
                    + " may lose %.4f)", set.name(), after, before, set.examples().size(), settings.regressionMargin(),
                    floor, settings.lineageMargin()));
            if (after < before - settings.regressionMargin()) {
                regressed.add(set.name());
            } else if (after < floor - settings.lineageMargin()) {
                belowFloor.add(set.name());
            }
        }
        boolean better = !holdout.isEmpty() && candidateHoldout > currentHoldout + settings.minHoldoutGain();
        boolean passed = better && regressed.isEmpty() && belowFloor.isEmpty();
        String verdict;
        if (holdout.isEmpty()) {
            verdict = "refused: no feedback example was held out to judge it on";
        } else if (!better) {
            verdict = "refused: not better than the current version on the feedback hold-out";
        } else if (!regressed.isEmpty()) {
            verdict = "refused: loses more than the margin on " + String.join(", ", regressed);
        } else if (!belowFloor.isEmpty()) {
            verdict = "refused: the lineage has lost more than its margin on " + String.join(", ", belowFloor)
                    + " since its first learnt round";
        } else {
            verdict = "passed";
        }
        String reason = String.format(Locale.ROOT, "Gate %s. Hold-out accuracy %.4f vs current %.4f (n=%d, needs a gain"
                + " above %.4f)%s%s.", verdict, candidateHoldout, currentHoldout, holdout.size(),
                settings.minHoldoutGain(), figures, newTopics.isEmpty() ? "" : "; new topics " + newTopics);
        return new GateDecision(passed, reason, holdout.size(), currentHoldout, candidateHoldout, currentRegression,
                candidateRegression, regressionFloors, regressionSizes, newTopics);
    }

    /**
     * Share of {@code examples} whose label is the head's most probable class; a label beyond the
     * head's classes (a topic the current version does not have) is never predicted. 0 when empty.
     */
    static double accuracy(Heads heads, List<Example> examples) {
        if (examples.isEmpty()) {
            return 0;
        }
        int correct = 0;
        for (Example example : examples) {
            TextPrediction prediction = heads.predict(example.encoded().toFloats());
            int predicted = example.task() == Task.TOPIC ? prediction.topTopic() : prediction.topSentiment();
            if (predicted == example.label()) {
                correct++;
            }
        }
        return correct / (double) examples.size();
    }

    /**
     * The floors a version's manifest {@code metrics} carry for the sets, where the set has the size it
     * had then (a set of another size holds other texts, and its floor would compare unlike with like).
     * A version not learnt by a round carries none.
     */
    static Map<String, Double> floors(Map<String, Double> metrics, List<MappedSet> regression) {
        Map<String, Double> floors = new LinkedHashMap<>();
        for (MappedSet set : regression) {
            Double floor = metrics.get(GateDecision.regressionMetric(set.name(), GateDecision.FLOOR));
            Double size = metrics.get(GateDecision.regressionMetric(set.name(), GateDecision.SIZE));
            if (floor != null && size != null && size.intValue() == set.examples().size()) {
                floors.put(set.name(), floor);
            }
        }
        return floors;
    }

    /** The decision recorded in a version's manifest by an earlier run of the same round. */
    static GateDecision fromManifest(Manifest manifest, List<String> parentTopics) {
        Map<String, Double> metrics = manifest.metrics();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        GateDecision.regressionFigures(metrics, GateDecision.SIZE)
                .forEach((set, size) -> sizes.put(set, size.intValue()));
        List<String> topics = manifest.topicLabels();
        return new GateDecision(manifest.status() == VersionStatus.PUBLISHED, manifest.note(),
                metrics.getOrDefault("gate.holdout.size", 0.0).intValue(),
                metrics.getOrDefault("gate.holdout.current.accuracy", 0.0),
                metrics.getOrDefault("gate.holdout.candidate.accuracy", 0.0),
                GateDecision.regressionFigures(metrics, GateDecision.CURRENT),
                GateDecision.regressionFigures(metrics, GateDecision.CANDIDATE),
                GateDecision.regressionFigures(metrics, GateDecision.FLOOR), sizes,
                topics.subList(Math.min(parentTopics.size(), topics.size()), topics.size()));
    }
}
